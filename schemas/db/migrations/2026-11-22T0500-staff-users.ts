import { sql, type Kysely } from 'kysely';

// Staff accounts for the web UI and API, revoked tokens (logout), and the indexes behind the anomaly list's
// filters (date, product, desk, status, score) and the rejected-rows pages.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._-]{2,64}$'),
      role text NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
      -- scrypt$N$r$p$<salt base64>$<key base64>: the parameters travel with the hash, the salt is per user.
      password_hash text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz
    )`.execute(db);

  // A token id lands here at logout and stays until the token would have expired anyway.
  await sql`
    CREATE TABLE revoked_tokens (
      jti text PRIMARY KEY,
      subject text NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at)`.execute(db);

  // The list is ordered newest business date first, then by score; each filter has an index that leads with it.
  await sql`CREATE INDEX anomalies_list_order ON anomalies (business_date DESC, ensemble_score DESC NULLS LAST, event_key)`.execute(
    db,
  );
  await sql`CREATE INDEX anomalies_by_product ON anomalies (product, business_date DESC)`.execute(db);
  await sql`CREATE INDEX anomalies_by_desk ON anomalies (desk, business_date DESC)`.execute(db);
  await sql`CREATE INDEX anomalies_by_status ON anomalies (status, business_date DESC)`.execute(db);
  await sql`CREATE INDEX alert_messages_by_anomaly ON alert_messages (anomaly_event_key, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'alert_messages_by_anomaly',
    'anomalies_by_status',
    'anomalies_by_desk',
    'anomalies_by_product',
    'anomalies_list_order',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropTable('revoked_tokens').ifExists().execute();
  await db.schema.dropTable('users').ifExists().execute();
}

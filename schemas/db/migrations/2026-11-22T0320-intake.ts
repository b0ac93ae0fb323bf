import { sql, type Kysely } from 'kysely';

// Real-time intake and batch detection: the day's summary of normal trades, and which anomalies have had their
// anomalyWorkflow started (an outbox flag, so a Temporal outage never loses an alert: batch detection retries).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Normal trades only, by KST business date, product and notional currency; anomalies live in `anomalies`.
  await sql`
    CREATE TABLE daily_trade_summaries (
      business_date date NOT NULL,
      product text NOT NULL,
      currency char(3) NOT NULL,
      trades bigint NOT NULL DEFAULT 0,
      notional numeric(38, 5) NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (business_date, product, currency)
    )`.execute(db);
  await sql`ALTER TABLE anomalies ADD COLUMN workflow_started_at timestamptz`.execute(db);
  await sql`CREATE INDEX anomalies_not_started ON anomalies (execution_ts) WHERE workflow_started_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS anomalies_not_started`.execute(db);
  await sql`ALTER TABLE anomalies DROP COLUMN IF EXISTS workflow_started_at`.execute(db);
  await db.schema.dropTable('daily_trade_summaries').ifExists().execute();
}

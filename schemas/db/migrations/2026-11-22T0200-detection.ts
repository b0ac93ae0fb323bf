import { sql, type Kysely } from 'kysely';

// Detection results, anomalies, their alerts and the reviewers' audit log. Shared by real-time intake, batch
// detection, the anomaly workflow, the reports and the web UI.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Versioned rule sets: a change is a new version, never an edit, so every score names the rules it ran.
  await sql`
    CREATE TABLE rule_sets (
      version integer PRIMARY KEY,
      rules jsonb NOT NULL,
      active boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (active) WHERE active`.execute(db);

  // One decision per trade event (the first one made); re-scores of a past period live in rescore tables.
  await sql`
    CREATE TABLE trade_scores (
      event_key uuid NOT NULL,
      execution_ts timestamptz NOT NULL,
      model_version text,
      rule_set_version integer,
      ensemble_score double precision,
      member_scores jsonb NOT NULL DEFAULT '{}'::jsonb,
      rule_hits jsonb NOT NULL DEFAULT '[]'::jsonb,
      is_anomaly boolean NOT NULL,
      explanation jsonb NOT NULL DEFAULT '{}'::jsonb,
      scored_by text NOT NULL CHECK (scored_by IN ('api', 'batch', 'rescore')),
      scored_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (execution_ts, event_key)
    )`.execute(db);
  await sql`CREATE INDEX trade_scores_anomalies ON trade_scores (execution_ts) WHERE is_anomaly`.execute(db);

  // The review queue: one row per flagged trade event, id = the trade event id (anomaly-<event_key> workflow).
  await sql`
    CREATE TABLE anomalies (
      event_key uuid PRIMARY KEY,
      execution_ts timestamptz NOT NULL,
      business_date date NOT NULL,
      uti text NOT NULL,
      product text NOT NULL,
      desk text,
      ensemble_score double precision,
      model_version text,
      rule_hits jsonb NOT NULL DEFAULT '[]'::jsonb,
      detected_by text NOT NULL CHECK (detected_by IN ('api', 'batch')),
      detected_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'alerted', 'escalated', 'acknowledged', 'confirmed', 'dismissed')),
      workflow_id text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX anomalies_by_date ON anomalies (business_date, status)`.execute(db);
  await sql`CREATE INDEX anomalies_by_score ON anomalies (ensemble_score DESC)`.execute(db);

  // Every e-mail sent, keyed by its Message-ID; (anomaly, kind) unique so a retry or replay never sends twice.
  await sql`
    CREATE TABLE alert_messages (
      message_id text PRIMARY KEY,
      anomaly_event_key uuid,
      batch_id text,
      kind text NOT NULL CHECK (kind IN ('alert', 'escalation', 'batch', 'drift', 'operations')),
      recipients text[] NOT NULL,
      subject text NOT NULL,
      status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX alert_messages_once ON alert_messages (anomaly_event_key, kind)
    WHERE anomaly_event_key IS NOT NULL`.execute(db);

  // The reviewers' audit log: acknowledgements and review decisions, append-only; review_id makes a retry harmless.
  await sql`
    CREATE TABLE anomaly_reviews (
      review_id text PRIMARY KEY,
      anomaly_event_key uuid NOT NULL REFERENCES anomalies (event_key),
      action text NOT NULL CHECK (action IN ('acknowledge', 'confirm', 'dismiss')),
      comment text,
      actor text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX anomaly_reviews_by_anomaly ON anomaly_reviews (anomaly_event_key, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['anomaly_reviews', 'alert_messages', 'anomalies', 'trade_scores', 'rule_sets']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

import { sql, type Kysely } from 'kysely';

// Regulatory reports: one row per report (daily KTFC, cumulative periods, corrections) with its archived files and
// their SHA-256, every submission to the gateway with its acknowledgement, and an append-only event log.
export async function up(db: Kysely<unknown>): Promise<void> {
  // report_id is the workflow's business id (ktfc-daily-2026-11-20, cumulative-2026-Q4, …): one row per report.
  await sql`
    CREATE TABLE reports (
      report_id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('daily', 'quarterly', 'half_year', 'annual', 'correction')),
      business_date date,
      period text,
      period_start timestamptz NOT NULL,
      period_end timestamptz NOT NULL,
      row_count integer NOT NULL DEFAULT 0,
      anomaly_count integer NOT NULL DEFAULT 0,
      machine_format text NOT NULL DEFAULT 'csv' CHECK (machine_format IN ('csv', 'xml')),
      machine_path text,
      machine_sha256 text,
      machine_bytes bigint,
      xlsx_path text,
      xlsx_sha256 text,
      xlsx_bytes bigint,
      source_reports text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'building'
        CHECK (status IN ('building', 'archived', 'transmitted', 'acknowledged', 'not_reported')),
      generated_at timestamptz,
      workflow_id text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX reports_by_date ON reports (business_date, kind)`.execute(db);

  // Each transmission of a report's machine file; a resubmission after a rejection is the next submission_no.
  await sql`
    CREATE TABLE report_submissions (
      report_id text NOT NULL REFERENCES reports (report_id),
      submission_no integer NOT NULL,
      transport text NOT NULL CHECK (transport IN ('sftp', 'http', 'dir')),
      remote_ref text,
      idempotency_key text NOT NULL UNIQUE,
      sha256 text NOT NULL,
      bytes bigint NOT NULL,
      status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'accepted', 'rejected')),
      reason text,
      sent_at timestamptz,
      ack_at timestamptz,
      PRIMARY KEY (report_id, submission_no)
    )`.execute(db);

  // What happened to a report, for operators and auditors (built, transmitted, acknowledged, rejected, escalated…).
  await sql`
    CREATE TABLE report_events (
      id bigserial PRIMARY KEY,
      report_id text NOT NULL,
      event text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX report_events_by_report ON report_events (report_id, id)`.execute(db);
  // Reports select trades by arrival time.
  await sql`CREATE INDEX trades_received_at ON trades (received_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS trades_received_at`.execute(db);
  for (const table of ['report_events', 'report_submissions', 'reports']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

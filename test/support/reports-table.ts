import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schemas/db/database';

/**
 * A `reports` table in the shape `tableReportsSource` reads, with one daily report whose files lie in `reportsDir`
 * and one whose stored path points outside it. Stands in until the reports feature's own migration is merged.
 */
export async function seedReports(db: Kysely<Database>, reportsDir: string) {
  await sql`
    CREATE TABLE IF NOT EXISTS reports (
      id text PRIMARY KEY, kind text NOT NULL, period text NOT NULL, status text NOT NULL, workflow_id text,
      created_at timestamptz NOT NULL DEFAULT now(), submitted_at timestamptz, acknowledged_at timestamptz,
      xlsx_path text, xlsx_sha256 text, machine_path text, machine_sha256 text
    )`.execute(db);
  mkdirSync(reportsDir, { recursive: true });
  const machine = Buffer.from('uti,product,anomaly\r\n9884001KRBANK0000171T1,IRS,Y\r\n', 'utf8');
  const machinePath = path.join(reportsDir, 'ktfc-daily-2026-11-20.csv');
  writeFileSync(machinePath, machine);
  const sha256 = createHash('sha256').update(machine).digest('hex');
  await sql`INSERT INTO reports (id, kind, period, status, workflow_id, submitted_at, acknowledged_at, machine_path, machine_sha256)
    VALUES ('ktfc-daily-2026-11-20', 'daily', '2026-11-20', 'acknowledged', 'ktfc-daily-2026-11-20', now(), now(), ${machinePath}, ${sha256}),
           ('ktfc-daily-2026-11-19', 'daily', '2026-11-19', 'submitted', 'ktfc-daily-2026-11-19', now(), null, '/etc/passwd', ${sha256})`.execute(
    db,
  );
  return { id: 'ktfc-daily-2026-11-20', outsideId: 'ktfc-daily-2026-11-19', sha256, bytes: machine };
}

import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database, RuleHit } from '../../schemas/db/database';

/** A cell that came from input and starts like a formula is written as text (formula injection). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A file name from a batch id (workflow ids hold ':' and '/' in places). */
export function reportFileName(batchId: string): string {
  return `${batchId.replace(/[^A-Za-z0-9._-]+/g, '_')}.xlsx`;
}

/**
 * The batch anomaly report: every anomaly executed in [from, to) with its score, model, rule hits, status and
 * workflow, streamed row by row (exceljs' streaming writer) to a temporary name and renamed, so a reader never
 * sees half a file. Returns the path and the row count.
 */
export async function writeBatchReport(
  db: Kysely<Database>,
  options: { dir: string; batchId: string; from: Date; to: Date; generatedAt: Date },
): Promise<{ path: string; rows: number }> {
  await mkdir(options.dir, { recursive: true });
  const target = path.join(options.dir, reportFileName(options.batchId));
  const temp = `${target}.${process.pid}.tmp`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Anomalies');
  sheet.columns = [
    { header: 'Business date (KST)', key: 'business_date', width: 14 },
    { header: 'Execution (UTC)', key: 'execution_ts', width: 26 },
    { header: 'UTI', key: 'uti', width: 48 },
    { header: 'Product', key: 'product', width: 12 },
    { header: 'Desk', key: 'desk', width: 18 },
    { header: 'Ensemble score', key: 'score', width: 14 },
    { header: 'Model version', key: 'model_version', width: 24 },
    { header: 'Rule hits', key: 'rules', width: 80 },
    { header: 'Detected by', key: 'detected_by', width: 10 },
    { header: 'Status', key: 'status', width: 12 },
    { header: 'Workflow', key: 'workflow_id', width: 46 },
  ];
  let count = 0;
  for await (const a of anomaliesOfRange(db, options.from, options.to)) {
    sheet
      .addRow({
        business_date: a.business_date,
        execution_ts: a.execution_ts.toISOString(),
        uti: neutralise(a.uti),
        product: a.product,
        desk: neutralise(a.desk ?? ''),
        score: a.ensemble_score,
        model_version: a.model_version ?? 'rules only',
        rules: neutralise(a.rule_hits.map((h: RuleHit) => `${h.rule}: ${h.reason}`).join('\n')),
        detected_by: a.detected_by,
        status: a.status,
        workflow_id: a.workflow_id,
      })
      .commit();
    count++;
  }
  sheet.commit();
  const about = workbook.addWorksheet('Batch');
  about.addRow(['Batch', options.batchId]).commit();
  about.addRow(['Range from (UTC)', options.from.toISOString()]).commit();
  about.addRow(['Range to (UTC)', options.to.toISOString()]).commit();
  about.addRow(['Generated (UTC)', options.generatedAt.toISOString()]).commit();
  about.addRow(['Anomalies', count]).commit();
  about.commit();
  await workbook.commit();
  await rename(temp, target);
  return { path: target, rows: count };
}

const PAGE = 1000;

/** The range's anomalies in execution order, a page at a time (keyset on the primary key's order). */
async function* anomaliesOfRange(db: Kysely<Database>, from: Date, to: Date) {
  let after: { ts: Date; key: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('anomalies')
      .selectAll()
      .where('execution_ts', '>=', from)
      .where('execution_ts', '<', to)
      .orderBy('execution_ts')
      .orderBy('event_key')
      .limit(PAGE);
    if (after) {
      const { ts, key } = after;
      query = query.where((eb) =>
        eb.or([eb('execution_ts', '>', ts), eb.and([eb('execution_ts', '=', ts), eb('event_key', '>', key)])]),
      );
    }
    const page = await query.execute();
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { ts: last.execution_ts, key: last.event_key };
  }
}

import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database, ReportKind, ReportStatus } from '../../schemas/db/database';
import type { BuiltReport } from '../../schemas/report-workflow';
import type { ReportFiles } from '../report-render/report-files';

export type Db = Kysely<Database>;

export async function getReport(db: Db, reportId: string) {
  return db.selectFrom('reports').selectAll().where('report_id', '=', reportId).executeTakeFirst();
}

/** The stored report as a result, when it was built before and its files are still in the archive. */
export async function archivedReport(db: Db, reportId: string): Promise<BuiltReport | null> {
  const row = await getReport(db, reportId);
  if (!row || row.status === 'building' || !row.machine_path || !row.xlsx_path) return null;
  if (!existsSync(row.machine_path) || !existsSync(row.xlsx_path)) return null;
  return {
    reportId,
    rowCount: row.row_count,
    anomalyCount: row.anomaly_count,
    machinePath: row.machine_path,
    machineSha256: row.machine_sha256 ?? '',
    xlsxPath: row.xlsx_path,
    xlsxSha256: row.xlsx_sha256 ?? '',
    sourceReports: row.source_reports,
  };
}

export interface NewReport {
  reportId: string;
  kind: ReportKind;
  businessDate: string | null;
  period: string | null;
  periodStart: Date;
  periodEnd: Date;
  machineFormat: 'csv' | 'xml';
  workflowId: string;
}

/** Creates the report's row as `building` (or resets an unfinished one) before its files are written. */
export async function startBuilding(db: Db, report: NewReport): Promise<void> {
  const values = {
    kind: report.kind,
    business_date: report.businessDate,
    period: report.period,
    period_start: report.periodStart,
    period_end: report.periodEnd,
    machine_format: report.machineFormat,
    workflow_id: report.workflowId,
    status: 'building' as const,
    updated_at: new Date(),
  };
  await db
    .insertInto('reports')
    .values({ report_id: report.reportId, ...values })
    .onConflict((oc) => oc.column('report_id').doUpdateSet(values))
    .execute();
}

/** Records the archived files and their SHA-256: from here on the report is what gets sent. */
export async function markArchived(
  db: Db,
  input: { reportId: string; files: ReportFiles; anomalyCount: number; generatedAt: Date; sourceReports?: string[] },
): Promise<void> {
  const { files } = input;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('reports')
      .set({
        row_count: files.rowCount,
        anomaly_count: input.anomalyCount,
        machine_path: files.machinePath,
        machine_sha256: files.machineSha256,
        machine_bytes: files.machineBytes,
        xlsx_path: files.xlsxPath,
        xlsx_sha256: files.xlsxSha256,
        xlsx_bytes: files.xlsxBytes,
        source_reports: input.sourceReports ?? [],
        status: 'archived',
        generated_at: input.generatedAt,
        updated_at: new Date(),
      })
      .where('report_id', '=', input.reportId)
      .execute();
    await addEvent(tx, input.reportId, 'archived', {
      rows: files.rowCount,
      machineSha256: files.machineSha256,
      xlsxSha256: files.xlsxSha256,
    });
  });
}

export async function setStatus(db: Db, reportId: string, status: ReportStatus): Promise<void> {
  await db.updateTable('reports').set({ status, updated_at: new Date() }).where('report_id', '=', reportId).execute();
}

export async function addEvent(db: Db, reportId: string, event: string, detail: Record<string, unknown> = {}) {
  await db
    .insertInto('report_events')
    .values({ report_id: reportId, event, detail: JSON.stringify(detail) })
    .execute();
}

export async function hasEvent(db: Db, reportId: string, event: string, submissionNo?: number): Promise<boolean> {
  const rows = await db
    .selectFrom('report_events')
    .select('detail')
    .where('report_id', '=', reportId)
    .where('event', '=', event)
    .execute();
  return rows.some(
    (r) => submissionNo === undefined || (r.detail as { submissionNo?: number }).submissionNo === submissionNo,
  );
}

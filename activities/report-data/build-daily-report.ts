import path from 'node:path';
import type { Db as DbHandle } from '../db/connection';
import type { BuiltReport } from '../../schemas/report-workflow';
import { copyTextRows } from '../report-render/copy-text-rows';
import { writeReportFiles } from '../report-render/report-files';
import { DAILY_REPORT_COLUMN_NAMES, DAILY_REPORT_LAYOUT } from './daily-report-layout';
import { dailyReportSql } from './daily-report-sql';
import { archivedReport, markArchived, startBuilding } from './report-repository';

export interface BuildDeps {
  db: DbHandle;
  reportsDir: string;
  entityLei: string;
  machineFormat: 'csv' | 'xml';
  /** Called every few thousand rows (the activity heartbeats). */
  progress?(rows: number): void;
}

export interface BuildDailyInput {
  reportId: string;
  kind: 'daily' | 'correction';
  businessDate: string;
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  workflowId: string;
  /** A correction re-issues one trade event's rows. */
  eventKey?: string;
}

const FLAG = DAILY_REPORT_COLUMN_NAMES.indexOf('anomaly_flag');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Builds and archives a daily (or correction) report once; a repeat returns the archived one. */
export async function buildDailyReport(deps: BuildDeps, input: BuildDailyInput): Promise<BuiltReport> {
  const existing = await archivedReport(deps.db.kysely, input.reportId);
  if (existing) return existing;
  const start = new Date(input.periodStart);
  const end = new Date(input.periodEnd);
  await startBuilding(deps.db.kysely, {
    reportId: input.reportId,
    kind: input.kind,
    businessDate: input.businessDate,
    period: null,
    periodStart: start,
    periodEnd: end,
    machineFormat: deps.machineFormat,
    workflowId: input.workflowId,
  });
  if (input.eventKey !== undefined && !UUID.test(input.eventKey)) throw new Error(`bad event key ${input.eventKey}`);
  const where = input.eventKey ? `AND t.event_key = '${input.eventKey}'::uuid` : '';
  const client = await deps.db.pool.connect();
  let anomalies = 0;
  try {
    const rows = copyTextRows(client, dailyReportSql(start, end, where));
    const counted = (async function* () {
      for await (const row of rows) {
        if (row[FLAG] === 'Y') anomalies++;
        yield row;
      }
    })();
    const files = await writeReportFiles({
      dir: path.join(deps.reportsDir, input.kind, input.businessDate),
      baseName: input.reportId,
      format: deps.machineFormat,
      layout: DAILY_REPORT_LAYOUT,
      rows: counted,
      xmlAttributes: { reportId: input.reportId, businessDate: input.businessDate, lei: deps.entityLei },
      ...(deps.progress ? { onProgress: deps.progress } : {}),
      header: (machine) => [
        ['Report', input.kind === 'daily' ? 'KTFC daily report' : 'KTFC correction report'],
        ['Report id', input.reportId],
        ['Business date (KST)', input.businessDate],
        ['Period start (UTC)', start.toISOString()],
        ['Period end (UTC)', end.toISOString()],
        ['Generated at (UTC)', input.generatedAt],
        ['Reporting entity LEI', deps.entityLei],
        ['Row count', machine.rowCount],
        ['Machine file', machine.fileName],
        ['Machine file SHA-256', machine.sha256],
        ...(input.eventKey ? ([['Corrected trade event', input.eventKey]] as [string, string][]) : []),
      ],
    });
    await markArchived(deps.db.kysely, {
      reportId: input.reportId,
      files,
      anomalyCount: anomalies,
      generatedAt: new Date(input.generatedAt),
    });
    return {
      reportId: input.reportId,
      rowCount: files.rowCount,
      anomalyCount: anomalies,
      machinePath: files.machinePath,
      machineSha256: files.machineSha256,
      xlsxPath: files.xlsxPath,
      xlsxSha256: files.xlsxSha256,
      sourceReports: [],
    };
  } finally {
    client.release();
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cumulativeReportWorkflowId } from '../../schemas/workflow-ids';
import { periodDates, periodInstants, sourcePeriods } from '../../schemas/reports/report-periods';
import type { BuiltReport } from '../../schemas/report-workflow';
import { copyTextRows } from '../report-render/copy-text-rows';
import { parseCsv } from '../report-render/csv-format';
import { sha256File, writeReportFiles } from '../report-render/report-files';
import type { BuildDeps } from './build-daily-report';
import { PERIOD_REPORT_LAYOUT, periodReportSql } from './period-report-layout';
import { archivedReport, markArchived, startBuilding } from './report-repository';

const KIND = { Q: 'quarterly', H: 'half_year', Y: 'annual' } as const;

/** Thrown when a half-year or annual report's source report is not archived yet (the chain runs in order). */
export class MissingSourceReportError extends Error {
  override readonly name = 'MissingSourceReportError';
}

/** A source report's rows, read back from its archived CSV after checking the file against its stored SHA-256. */
async function* sourceRows(deps: BuildDeps, sources: string[]): AsyncGenerator<(string | null)[]> {
  for (const id of sources) {
    const report = await archivedReport(deps.db.kysely, id);
    if (!report) throw new MissingSourceReportError(`${id} is not archived: run its report first`);
    if ((await sha256File(report.machinePath)) !== report.machineSha256)
      throw new Error(`${report.machinePath} no longer matches its SHA-256`);
    if (!report.machinePath.endsWith('.csv')) throw new Error(`${id} has no CSV machine file`);
    yield* parseCsv(readFileSync(report.machinePath, 'utf8')).slice(1);
  }
}

/**
 * A cumulative anomaly report: a quarter from the database; a half-year from its two quarterlies' files; the year
 * from its two halves. The CSV is byte-reproducible (no timestamps in it, rows in a fixed order).
 */
export async function buildPeriodReport(
  deps: BuildDeps,
  input: { period: string; generatedAt: string; workflowId: string },
): Promise<BuiltReport> {
  const reportId = cumulativeReportWorkflowId(input.period);
  const existing = await archivedReport(deps.db.kysely, reportId);
  if (existing) return existing;
  const { start, end } = periodInstants(input.period);
  const sources = sourcePeriods(input.period).map(cumulativeReportWorkflowId);
  const kind = KIND[input.period.slice(5, 6) as 'Q' | 'H' | 'Y'];
  await startBuilding(deps.db.kysely, {
    reportId,
    kind,
    businessDate: null,
    period: input.period,
    periodStart: start,
    periodEnd: end,
    machineFormat: 'csv',
    workflowId: input.workflowId,
  });
  const client = sources.length ? null : await deps.db.pool.connect();
  try {
    const { from, to } = periodDates(input.period);
    const rows = client ? copyTextRows(client, periodReportSql(from, to)) : sourceRows(deps, sources);
    const files = await writeReportFiles({
      dir: path.join(deps.reportsDir, 'cumulative', input.period.slice(0, 4)),
      baseName: reportId,
      format: 'csv',
      layout: PERIOD_REPORT_LAYOUT,
      rows,
      xmlAttributes: {},
      ...(deps.progress ? { onProgress: deps.progress } : {}),
      header: (machine) => [
        ['Report', `Cumulative anomaly report (${kind.replace('_', '-')})`],
        ['Period', input.period],
        ['Period start (UTC)', start.toISOString()],
        ['Period end (UTC)', end.toISOString()],
        ['Built from', sources.length ? sources.join(', ') : 'anomalies table'],
        ['Generated at (UTC)', input.generatedAt],
        ['Reporting entity LEI', deps.entityLei],
        ['Row count', machine.rowCount],
        ['Machine file', machine.fileName],
        ['Machine file SHA-256', machine.sha256],
      ],
    });
    await markArchived(deps.db.kysely, {
      reportId,
      files,
      anomalyCount: files.rowCount,
      generatedAt: new Date(input.generatedAt),
      sourceReports: sources,
    });
    return {
      reportId,
      rowCount: files.rowCount,
      anomalyCount: files.rowCount,
      machinePath: files.machinePath,
      machineSha256: files.machineSha256,
      xlsxPath: files.xlsxPath,
      xlsxSha256: files.xlsxSha256,
      sourceReports: sources,
    };
  } finally {
    client?.release();
  }
}

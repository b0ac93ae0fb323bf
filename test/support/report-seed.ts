import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../activities/db/connection';
import { createLogger } from '../../activities/logging/logger';
import { buildDailyReport, type BuildDeps } from '../../activities/report-data/build-daily-report';
import { buildPeriodReport } from '../../activities/report-data/build-period-report';
import { markArchived, startBuilding } from '../../activities/report-data/report-repository';
import { createDirTransport } from '../../activities/report-transmit/dir-transport';
import { createReportTransmitActivities } from '../../activities/report-transmit/report-transmit.activities';
import { cumulativeReportWorkflowId, dailyReportWorkflowId } from '../../schemas/workflow-ids';

export const TEST_ENTITY_LEI = '9884001KRBANK0000171';

/**
 * Reports made by the real report code over the trades already in the database: the daily report of 2026-11-20
 * (built, sent to a folder gateway, acknowledged), of 2026-11-19 (built, sent, rejected: "not reported"), the
 * 2026-Q4 quarterly report (built, not sent), and one row whose stored path points outside the reports folder.
 */
export async function seedReports(db: Db, reportsDir: string, gatewayDir = path.join(reportsDir, '..', 'gateway')) {
  const deps: BuildDeps = { db, reportsDir, entityLei: TEST_ENTITY_LEI, machineFormat: 'csv' };
  const transmit = createReportTransmitActivities({
    db,
    logger: createLogger({ service: 'test-report-seed', level: 'error' }),
    transport: createDirTransport({ dir: gatewayDir }),
    mailer: null,
    escalationTo: [],
  });
  // Every trade seeded so far arrived "now": the day's window takes them all.
  const now = Date.now();
  const daily = async (businessDate: string, accepted: boolean) => {
    const reportId = dailyReportWorkflowId(businessDate);
    const built = await buildDailyReport(deps, {
      reportId,
      kind: 'daily',
      businessDate,
      periodStart: new Date(now - 86_400_000).toISOString(),
      periodEnd: new Date(now + 3_600_000).toISOString(),
      generatedAt: new Date(now).toISOString(),
      workflowId: reportId,
    });
    await transmit.transmitReport({ reportId, submissionNo: 1 });
    await transmit.recordAck({
      reportId,
      submissionNo: 1,
      accepted,
      reason: accepted ? null : 'E102 필수 항목 누락',
    });
    return built;
  };
  const acknowledged = await daily('2026-11-20', true);
  const rejected = await daily('2026-11-19', false);
  const quarterly = await buildPeriodReport(deps, {
    period: '2026-Q4',
    generatedAt: new Date(now).toISOString(),
    workflowId: cumulativeReportWorkflowId('2026-Q4'),
  });

  // A row whose stored path leaves the reports folder (a tampered or misconfigured archive): never served.
  const outsideId = dailyReportWorkflowId('2026-11-18');
  await startBuilding(db.kysely, {
    reportId: outsideId,
    kind: 'daily',
    businessDate: '2026-11-18',
    period: null,
    periodStart: new Date(now - 2 * 86_400_000),
    periodEnd: new Date(now - 86_400_000),
    machineFormat: 'csv',
    workflowId: outsideId,
  });
  await markArchived(db.kysely, {
    reportId: outsideId,
    anomalyCount: 0,
    generatedAt: new Date(now),
    files: {
      rowCount: 1,
      machinePath: '/etc/passwd',
      machineSha256: acknowledged.machineSha256,
      machineBytes: 10,
      xlsxPath: path.join(reportsDir, '..', '..', 'outside.xlsx'),
      xlsxSha256: acknowledged.xlsxSha256,
      xlsxBytes: 10,
    },
  });
  return {
    id: acknowledged.reportId,
    sha256: acknowledged.machineSha256,
    bytes: readFileSync(acknowledged.machinePath),
    xlsxSha256: acknowledged.xlsxSha256,
    rejectedId: rejected.reportId,
    quarterlyId: quarterly.reportId,
    outsideId,
    gatewayDir,
  };
}

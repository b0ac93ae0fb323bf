import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReportActivities } from '../activities/report-data/report.activities';
import { dailyReportPeriod, isWeekday, kstDate } from '../schemas/reports/report-periods';
import { dailyReportInputSchema, type DailyReportInput, type DailyReportResult } from '../schemas/report-workflow';
import { dailyReportWorkflowId } from '../schemas/workflow-ids';
import { ACTIVITY_PROFILES } from './activity-profiles';
import { deliverUntilAcknowledged, installDeliveryHandlers } from './report-delivery';

const quick = proxyActivities<ReportActivities>(ACTIVITY_PROFILES.quickDb);
const render = proxyActivities<ReportActivities>(ACTIVITY_PROFILES.reportRender);
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * The daily KTFC report (DESIGN Data flow 7): on a business day, every trade received since the previous business
 * day's 05:00 KST cut-off → xlsx + machine file, archived with SHA-256 → transmitted → acknowledged (or escalated
 * when late; a rejection waits for a resubmission). Id `ktfc-daily-<date>`; a holiday run ends "skipped: holiday".
 */
export async function dailyReportWorkflow(raw: DailyReportInput = {}): Promise<DailyReportResult> {
  const state = installDeliveryHandlers();
  const input = dailyReportInputSchema.parse(raw);
  // A scheduled (or backfilled) run reports the day of its scheduled time in KST, never "now".
  const scheduled = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  const businessDate = input.businessDate ?? kstDate((scheduled ?? new Date()).getTime());
  const reportId = dailyReportWorkflowId(businessDate);
  const year = Number(businessDate.slice(0, 4));
  const holidays = await quick.loadHolidayDates({ years: [year - 1, year] });
  if (!isWeekday(businessDate) || holidays.includes(businessDate)) {
    const status = isWeekday(businessDate) ? 'skipped: holiday' : 'skipped: weekend';
    state.phase = 'skipped';
    await quick.recordReportEvent({ reportId, event: 'skipped', detail: { businessDate, reason: status } });
    log.info('daily report skipped', { businessDate, status });
    return { reportId, businessDate, status };
  }
  const period = dailyReportPeriod(businessDate, holidays);
  const built = await render.buildDailyReport({
    reportId,
    kind: 'daily',
    businessDate,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    generatedAt: new Date().toISOString(),
    workflowId: workflowInfo().workflowId,
  });
  const submissions = await deliverUntilAcknowledged(reportId, state, input);
  return {
    reportId,
    businessDate,
    status: 'acknowledged',
    rowCount: built.rowCount,
    machineSha256: built.machineSha256,
    submissions,
  };
}

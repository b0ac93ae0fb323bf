import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReportActivities } from '../activities/report-data/report.activities';
import { cumulativeChain, kstDate, quarterEndedBefore } from '../schemas/reports/report-periods';
import {
  cumulativeReportInputSchema,
  periodReportInputSchema,
  type BuiltReport,
  type CumulativeReportInput,
  type PeriodReportInput,
} from '../schemas/report-workflow';
import { cumulativeReportWorkflowId } from '../schemas/workflow-ids';
import { ACTIVITY_PROFILES } from './activity-profiles';

const render = proxyActivities<ReportActivities>(ACTIVITY_PROFILES.reportRender);
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** One cumulative anomaly report (`cumulative-2026-Q4`, `-H2`, `-Y`), stored with its checksum. */
export async function periodReportWorkflow(raw: PeriodReportInput): Promise<BuiltReport> {
  const input = periodReportInputSchema.parse(raw);
  return render.buildPeriodReport({
    period: input.period,
    generatedAt: new Date().toISOString(),
    workflowId: workflowInfo().workflowId,
  });
}

/**
 * The cumulative chain (DESIGN Data flow 8): the quarterly report, then after Q2/Q4 the half-year built from the
 * two quarterlies, then after Q4 the annual built from the two halves — strictly in that order, each a child
 * workflow with its own id. Scheduled the first day after each quarter; the quarter comes from the scheduled time.
 */
export async function cumulativeReportWorkflow(raw: CumulativeReportInput = {}): Promise<BuiltReport[]> {
  const input = cumulativeReportInputSchema.parse(raw);
  const scheduled = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  const quarter = input.quarter ?? quarterEndedBefore(kstDate((scheduled ?? new Date()).getTime()));
  const built: BuiltReport[] = [];
  for (const period of cumulativeChain(quarter)) {
    built.push(
      await executeChild(periodReportWorkflow, {
        workflowId: cumulativeReportWorkflowId(period),
        args: [{ period }],
      }),
    );
  }
  return built;
}

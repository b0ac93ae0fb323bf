import { ParentClosePolicy, patched, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import type { ReportActivities } from '../activities/report-data/report.activities';
import {
  correctionReportInputSchema,
  correctionReportWorkflowId,
  type CorrectionReportInput,
} from '../schemas/report-workflow';
import { dailyReportWorkflowId } from '../schemas/workflow-ids';
import { ACTIVITY_PROFILES } from './activity-profiles';
import { deliverUntilAcknowledged, installDeliveryHandlers } from './report-delivery';

const quick = proxyActivities<ReportActivities>(ACTIVITY_PROFILES.quickDb);
const MAX_WAIT_SECONDS = 600;
const render = proxyActivities<ReportActivities>(ACTIVITY_PROFILES.reportRender);

/**
 * Re-issues the report rows of an already-reported trade event whose review changed its status (DESIGN Data flow
 * 5): the rows as they are now, over the original report's period, archived, transmitted and acknowledged.
 */
export async function correctionReportWorkflow(raw: CorrectionReportInput) {
  const state = installDeliveryHandlers();
  const input = correctionReportInputSchema.parse(raw);
  const reportId = correctionReportWorkflowId(input);
  const originalId = dailyReportWorkflowId(input.businessDate);
  // A review made while the original was archived or rejected: the correction follows the original, never precedes
  // it (checked after 5 s, then at doubling intervals up to 10 minutes). Runs from before this step did not wait.
  if (patched('correction-waits-for-original')) {
    for (let waitSeconds = 5; !(await quick.isReportTransmitted({ reportId: originalId }));) {
      await sleep(`${waitSeconds} seconds`);
      waitSeconds = Math.min(waitSeconds * 2, MAX_WAIT_SECONDS);
    }
  }
  const original = await quick.findReportedDaily({ reportId: originalId });
  const built = await render.buildDailyReport({
    reportId,
    kind: 'correction',
    businessDate: input.businessDate,
    periodStart: original.periodStart,
    periodEnd: original.periodEnd,
    generatedAt: new Date().toISOString(),
    workflowId: workflowInfo().workflowId,
    eventKey: input.eventKey,
  });
  const submissions = await deliverUntilAcknowledged(reportId, state, input);
  return { reportId, rowCount: built.rowCount, machineSha256: built.machineSha256, submissions };
}

/**
 * For the anomaly workflow: starts the correction report of a review decision as an abandoned child (it outlives
 * the anomaly workflow and runs once per decision, by id).
 */
export async function startCorrectionReport(input: { businessDate: string; eventKey: string; reviewId: string }) {
  return startChild(correctionReportWorkflow, {
    workflowId: correctionReportWorkflowId(input),
    args: [input],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}

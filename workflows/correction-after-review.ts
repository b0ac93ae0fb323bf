import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { log, proxyActivities } from '@temporalio/workflow';
import type { AnomalyWorkflowActivities } from '../activities/anomalies/anomaly-workflow.activities';
import { ACTIVITY_PROFILES } from './activity-profiles';
import { startCorrectionReport } from './correction-report.workflow';

const db = proxyActivities<AnomalyWorkflowActivities>(ACTIVITY_PROFILES.anomalyDb);

/**
 * After a review decision (issue 5 item 4): when the trade event was already in a sent daily report that shows
 * its old status, starts that date's correction report (an abandoned child, one per decision by id).
 * Returns the correction's workflow id, or null when nothing was reported before the decision.
 */
export async function correctReportedTrade(input: { eventKey: string; reviewId: string }): Promise<string | null> {
  const { eventKey, reviewId } = input;
  const { businessDate } = await db.findReportToCorrect({ eventKey, reviewId });
  if (businessDate === null) return null;
  try {
    const child = await startCorrectionReport({ businessDate, eventKey, reviewId });
    log.info('correction report started', { businessDate, workflowId: child.workflowId });
    return child.workflowId;
  } catch (error) {
    // Started before (a reset of this run): the correction of this decision exists already.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return null;
  }
}

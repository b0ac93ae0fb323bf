import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { REPORT_RESUBMIT_SIGNAL } from '../../schemas/report-workflow';
import { cumulativeChainWorkflowId, dailyReportWorkflowId } from '../../schemas/workflow-ids';

/** Starts (or joins) the daily report of a KST business date: the id every path uses (schedule, backfill, CLI). */
export async function startDailyReport(client: Client, input: { businessDate: string; taskQueue: string }) {
  const workflowId = dailyReportWorkflowId(input.businessDate);
  try {
    await client.workflow.start('dailyReportWorkflow', {
      workflowId,
      taskQueue: input.taskQueue,
      args: [{ businessDate: input.businessDate }],
      // A closed run of the date (acknowledged or skipped) is joined too: a date is reported once.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { workflowId, started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return { workflowId, started: false };
  }
}

/** Starts the cumulative chain of a quarter (quarterly, then half-year/annual where due). */
export async function startCumulativeReport(client: Client, input: { quarter: string; taskQueue: string }) {
  const workflowId = cumulativeChainWorkflowId(input.quarter);
  try {
    await client.workflow.start('cumulativeReportWorkflow', {
      workflowId,
      taskQueue: input.taskQueue,
      args: [{ quarter: input.quarter }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { workflowId, started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return { workflowId, started: false };
  }
}

/** Asks a rejected daily report's workflow to send it again as the next submission. */
export async function resubmitDailyReport(client: Client, input: { businessDate: string; reason?: string }) {
  const workflowId = dailyReportWorkflowId(input.businessDate);
  await client.workflow.getHandle(workflowId).signal(REPORT_RESUBMIT_SIGNAL, { reason: input.reason ?? 'operator' });
  return { workflowId };
}

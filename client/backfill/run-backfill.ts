import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { BackfillTarget, PlannedRun } from './backfill-targets';

export interface BackfillSummary {
  target: string;
  from: string;
  to: string;
  dryRun: boolean;
  planned: number;
  started: string[];
  skipped: string[];
}

async function exists(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/**
 * Starts the target's missing runs over [from, to] under their deterministic ids; a run that exists (running or
 * closed) is skipped, and REJECT_DUPLICATE makes a race with another backfill harmless. `--dry-run` only plans.
 */
export async function runBackfill(
  client: Client,
  options: {
    target: BackfillTarget;
    from: string;
    to: string;
    taskQueue: string;
    dryRun?: boolean;
    onProgress?: (done: number, total: number, run: PlannedRun) => void;
  },
): Promise<BackfillSummary> {
  if (options.from > options.to) throw new Error(`--from ${options.from} is after --to ${options.to}`);
  const runs = options.target.plan(options.from, options.to);
  const summary: BackfillSummary = {
    target: options.target.name,
    from: options.from,
    to: options.to,
    dryRun: Boolean(options.dryRun),
    planned: runs.length,
    started: [],
    skipped: [],
  };
  for (const [i, run] of runs.entries()) {
    if (await exists(client, run.workflowId)) summary.skipped.push(run.workflowId);
    else if (options.dryRun) summary.started.push(run.workflowId);
    else {
      try {
        await client.workflow.start(run.workflowType, {
          workflowId: run.workflowId,
          taskQueue: options.taskQueue,
          args: run.args,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        summary.started.push(run.workflowId);
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        summary.skipped.push(run.workflowId);
      }
    }
    options.onProgress?.(i + 1, runs.length, run);
  }
  return summary;
}

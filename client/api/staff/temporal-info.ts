import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { temporalUiLink } from '../../temporal/connect';
import type { StaffOptions } from './staff-deps';

/** How long a page waits for Temporal before showing the run as unknown. */
const TEMPORAL_DEADLINE_MS = 2000;

export function runLink(options: StaffOptions, workflowId: string, runId?: string): string {
  return temporalUiLink(options.temporalUiUrl, options.temporalNamespace, workflowId, runId);
}

export interface RunStatus {
  workflowId: string;
  runId: string | null;
  status: string;
  link: string;
}

/** A run's status (RUNNING, COMPLETED, …), 'NOT_FOUND' when there is none, 'UNKNOWN' when Temporal does not answer. */
export async function describeRun(
  client: Client,
  options: StaffOptions,
  workflowId: string,
  runId?: string,
): Promise<RunStatus> {
  try {
    const description = await client.connection.withDeadline(Date.now() + TEMPORAL_DEADLINE_MS, () =>
      client.workflow.getHandle(workflowId, runId).describe(),
    );
    return {
      workflowId,
      runId: description.runId,
      status: description.status.name,
      link: runLink(options, workflowId, description.runId),
    };
  } catch (error) {
    const status = error instanceof WorkflowNotFoundError ? 'NOT_FOUND' : 'UNKNOWN';
    return { workflowId, runId: runId ?? null, status, link: runLink(options, workflowId, runId) };
  }
}

/** The answer of a query, or an error text when the workflow is gone or no worker answers in time. */
export async function queryRun(
  client: Client,
  workflowId: string,
  queryName: string,
): Promise<{ state: unknown } | { error: string }> {
  try {
    const state: unknown = await client.connection.withDeadline(Date.now() + TEMPORAL_DEADLINE_MS, () =>
      client.workflow.getHandle(workflowId).query(queryName),
    );
    return { state };
  } catch (error) {
    return { error: error instanceof WorkflowNotFoundError ? 'workflow not found' : 'workflow did not answer' };
  }
}

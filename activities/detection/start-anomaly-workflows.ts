import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { DETECTED_SIGNAL, type AnomalyWorkflowInput } from '../../schemas/anomaly-workflow';
import type { Database } from '../../schemas/db/database';
import { anomalyWorkflowId } from '../../schemas/workflow-ids';

export interface AnomalyToStart {
  eventKey: string;
  uti: string;
  /** ISO 8601 UTC. */
  executionTs: string;
}

/** Signal-with-starts in flight at once: enough to keep a batch moving, few enough not to flood the frontend. */
const PARALLEL_STARTS = 16;

/**
 * Starts (signal-with-start) one anomalyWorkflow per anomaly, id anomaly-<event key>: a running one gets one more
 * DETECTED signal and no second alert; a finished one is not started again (REJECT_DUPLICATE). Marks each anomaly
 * as started once Temporal has it, so a failure leaves it for batch detection's sweep instead of losing it.
 */
export async function startAnomalyWorkflows(
  deps: {
    client: Client;
    db: Kysely<Database>;
    taskQueue: string;
    /** Give up on Temporal after this long. */ deadlineMs?: number;
  },
  anomalies: readonly AnomalyToStart[],
  detectedBy: AnomalyWorkflowInput['detectedBy'],
): Promise<{ started: number }> {
  let started = 0;
  for (let i = 0; i < anomalies.length; i += PARALLEL_STARTS) {
    const slice = anomalies.slice(i, i + PARALLEL_STARTS);
    await Promise.all(
      slice.map(async (a) => {
        const input: AnomalyWorkflowInput = {
          eventKey: a.eventKey,
          uti: a.uti,
          executionTs: a.executionTs,
          detectedBy,
        };
        try {
          const start = () =>
            deps.client.workflow.signalWithStart('anomalyWorkflow', {
              workflowId: anomalyWorkflowId(a.eventKey),
              taskQueue: deps.taskQueue,
              args: [input],
              signal: DETECTED_SIGNAL,
              signalArgs: [input],
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            });
          await (deps.deadlineMs === undefined
            ? start()
            : deps.client.withDeadline(Date.now() + deps.deadlineMs, start));
          started++;
        } catch (error) {
          // Closed already (reviewed, or alerted and done): that anomaly has had its workflow.
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }),
    );
    await deps.db
      .updateTable('anomalies')
      .set({ workflow_started_at: new Date() })
      .where(
        'event_key',
        'in',
        slice.map((a) => a.eventKey),
      )
      .where('workflow_started_at', 'is', null)
      .execute();
  }
  return { started };
}

/** Anomalies of a range whose workflow is still to be started (e.g. Temporal was down when they were found). */
export async function anomaliesToStart(
  db: Kysely<Database>,
  range: { from: Date; to: Date },
  limit = 10_000,
): Promise<AnomalyToStart[]> {
  const rows = await db
    .selectFrom('anomalies')
    .select(['event_key', 'uti', 'execution_ts'])
    .where('workflow_started_at', 'is', null)
    .where('execution_ts', '>=', range.from)
    .where('execution_ts', '<', range.to)
    .orderBy('execution_ts')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ eventKey: r.event_key, uti: r.uti, executionTs: r.execution_ts.toISOString() }));
}

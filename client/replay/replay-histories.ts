import { Worker, type ReplayResult } from '@temporalio/worker';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { WORKFLOWS_PATH } from '../../workers/cpu-worker';

export interface ReplayOutcome {
  workflowId: string;
  runId: string;
  ok: boolean;
  error?: string;
}

/**
 * Replays histories against today's workflow code (`Worker.runReplayHistories`): a history the code no longer
 * reproduces fails with a determinism error.
 */
export async function replayHistories(
  histories: Iterable<HistoryAndWorkflowId> | AsyncIterable<HistoryAndWorkflowId>,
  workflowsPath: string = WORKFLOWS_PATH,
): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  const results: AsyncIterable<ReplayResult> = Worker.runReplayHistories(
    { workflowsPath, replayName: 'swap-replay' },
    histories,
  );
  for await (const result of results) {
    outcomes.push(
      result.error
        ? {
            workflowId: result.workflowId,
            runId: result.runId,
            ok: false,
            error: `${result.error.name}: ${result.error.message}`,
          }
        : { workflowId: result.workflowId, runId: result.runId, ok: true },
    );
  }
  return outcomes;
}

import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import {
  ANOMALY_STATE_QUERY,
  REVIEW_SIGNAL,
  type AnomalyWorkflowInput,
  type ReviewSignalInput,
} from '../../../schemas/anomaly-workflow';

/**
 * Stand-in for the real anomalyWorkflow (built in parallel on another branch), registered only by the browser
 * test's own worker: the same id, query and review signal contract, none of the alerting.
 */
export async function anomalyWorkflow(input: AnomalyWorkflowInput) {
  const state: { eventKey: string; status: string; review: Omit<ReviewSignalInput, 'reviewId'> | null } = {
    eventKey: input.eventKey,
    status: 'alerted',
    review: null,
  };
  setHandler(defineQuery<typeof state>(ANOMALY_STATE_QUERY), () => state);
  setHandler(defineSignal<[ReviewSignalInput]>(REVIEW_SIGNAL), (signal) => {
    state.status = signal.decision === 'confirm' ? 'confirmed' : 'dismissed';
    state.review = { decision: signal.decision, comment: signal.comment, reviewer: signal.reviewer };
  });
  await condition(() => state.review !== null);
  return state;
}

import { defineQuery, defineSignal, log, setHandler } from '@temporalio/workflow';
import {
  ACKNOWLEDGE_SIGNAL,
  acknowledgeSignalSchema,
  ANOMALY_STATE_QUERY,
  DETECTED_SIGNAL,
  REVIEW_SIGNAL,
  reviewSignalSchema,
  type AcknowledgeSignalInput,
  type AnomalyWorkflowState,
  type ReviewSignalInput,
} from '../schemas/anomaly-workflow';

/** What the signals delivered so far: the first acknowledgement and the first review win. */
export interface AnomalyInbox {
  ack: AcknowledgeSignalInput | undefined;
  review: ReviewSignalInput | undefined;
}

/**
 * Installs anomalyWorkflow's signal and query handlers. Signals come from upstream services too, so a malformed
 * one is logged and ignored rather than failing the workflow task.
 */
export function listenToAnomalySignals(state: AnomalyWorkflowState): AnomalyInbox {
  const inbox: AnomalyInbox = { ack: undefined, review: undefined };
  setHandler(defineSignal(DETECTED_SIGNAL), () => void state.detections++);
  setHandler(defineSignal<[unknown]>(ACKNOWLEDGE_SIGNAL), (raw) => {
    const parsed = acknowledgeSignalSchema.safeParse(raw);
    if (!parsed.success) return log.warn('ignored a malformed acknowledge signal', { error: parsed.error.message });
    inbox.ack ??= parsed.data;
  });
  setHandler(defineSignal<[unknown]>(REVIEW_SIGNAL), (raw) => {
    const parsed = reviewSignalSchema.safeParse(raw);
    if (!parsed.success) return log.warn('ignored a malformed review signal', { error: parsed.error.message });
    inbox.review ??= parsed.data;
  });
  setHandler(defineQuery<AnomalyWorkflowState>(ANOMALY_STATE_QUERY), () => state);
  return inbox;
}

import { z } from 'zod';

/**
 * The contract of `anomalyWorkflow` (id: anomalyWorkflowId(eventKey)), shared by the real-time intake, batch
 * detection, the web UI and upstream services. Started with signal-with-start of DETECTED_SIGNAL, so whoever
 * flags the trade event first starts it and a second detection is one more (ignored) signal.
 */
export const anomalyWorkflowInputSchema = z.object({
  eventKey: z.guid(),
  uti: z.string().min(1).max(52),
  /** ISO 8601 UTC. */
  executionTs: z.string(),
  detectedBy: z.enum(['api', 'batch']),
});
export type AnomalyWorkflowInput = z.infer<typeof anomalyWorkflowInputSchema>;

export const DETECTED_SIGNAL = 'detected';
export const ACKNOWLEDGE_SIGNAL = 'acknowledge';
export const REVIEW_SIGNAL = 'review';
export const ANOMALY_STATE_QUERY = 'state';

export const acknowledgeSignalSchema = z.object({
  /** Idempotency key: the audit row's id. */
  reviewId: z.string().min(1).max(200),
  by: z.string().min(1).max(200),
});
export type AcknowledgeSignalInput = z.infer<typeof acknowledgeSignalSchema>;

export const reviewSignalSchema = z.object({
  reviewId: z.string().min(1).max(200),
  decision: z.enum(['confirm', 'dismiss']),
  comment: z.string().max(4000),
  reviewer: z.string().min(1).max(200),
});
export type ReviewSignalInput = z.infer<typeof reviewSignalSchema>;

/** What the STATE query returns (and the workflow's result once a review ends it). Times are ISO (workflow time). */
export interface AnomalyWorkflowState {
  eventKey: string;
  status: 'waiting_for_window' | 'alerted' | 'escalated' | 'acknowledged' | 'confirmed' | 'dismissed';
  /** When the next mail may go out, while waiting for an alert window (null otherwise). */
  waitingUntil: string | null;
  alertSentAt: string | null;
  escalatedAt: string | null;
  acknowledgedBy: string | null;
  review: { reviewId: string; decision: 'confirm' | 'dismiss'; comment: string; reviewer: string; at: string } | null;
  /** DETECTED signals received (signal-with-start delivers the first; a later detection is counted, nothing more). */
  detections: number;
}

import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { recordReview } from '../../../activities/anomalies/anomaly-reviews';
import type { Logger } from '../../../activities/logging/logger';
import { REVIEW_SIGNAL, type ReviewSignalInput } from '../../../schemas/anomaly-workflow';
import type { Database } from '../../../schemas/db/database';

export interface ReviewRequest {
  eventKey: string;
  workflowId: string;
  decision: 'confirm' | 'dismiss';
  comment: string;
  reviewer: string;
  /** Sent by the page per submitted form, so a retried request is one audit row and one signal. */
  reviewId?: string | undefined;
}

/**
 * Records the decision in the audit log first (it stands on its own), then signals the anomaly's workflow. A
 * workflow that is gone (finished long ago, never started) is logged; the recorded decision is not undone.
 */
export async function reviewAnomaly(db: Kysely<Database>, temporal: Client, logger: Logger, review: ReviewRequest) {
  const reviewId = review.reviewId ?? randomUUID();
  const recorded = await recordReview(db, {
    reviewId,
    eventKey: review.eventKey,
    action: review.decision,
    comment: review.comment,
    actor: review.reviewer,
  });
  const signal: ReviewSignalInput = {
    reviewId,
    decision: review.decision,
    comment: review.comment,
    reviewer: review.reviewer,
  };
  let signalled = false;
  try {
    await temporal.workflow.getHandle(review.workflowId).signal(REVIEW_SIGNAL, signal);
    signalled = true;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    logger.warn(
      { event: 'review_signal_failed', workflowId: review.workflowId, reviewId, err: error },
      'anomaly workflow not running; the review stands in the audit log',
    );
  }
  logger.info(
    {
      event: 'review',
      eventKey: review.eventKey,
      reviewId,
      decision: review.decision,
      by: review.reviewer,
      recorded,
      signalled,
    },
    'review recorded',
  );
  return { reviewId, recorded, signalled };
}

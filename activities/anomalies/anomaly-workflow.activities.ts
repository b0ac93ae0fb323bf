import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import type { AnomalyStatus } from '../../schemas/db/database';
import { recordReview } from './anomaly-reviews';
import { reportedDateBeforeReview } from './reported-trade';

/** The statuses an alert step may move from: it never overrides an acknowledgement or a review decision. */
const MOVES_FROM: Partial<Record<AnomalyStatus, AnomalyStatus[]>> = {
  alerted: ['open'],
  escalated: ['open', 'alerted'],
};

export interface MarkAnomalyStatusInput {
  eventKey: string;
  status: 'alerted' | 'escalated';
}

export interface RecordAnomalyReviewInput {
  reviewId: string;
  eventKey: string;
  action: 'acknowledge' | 'confirm' | 'dismiss';
  comment: string | null;
  actor: string;
  /** Workflow time of the signal's handling, ISO. */
  at: string;
}

/** Database steps of `anomalyWorkflow`: the anomaly's status, the reviewers' audit log (idempotent), report lookups. */
export function createAnomalyWorkflowActivities(deps: { db: Db; clock: () => Date }) {
  return {
    async markAnomalyStatus(input: MarkAnomalyStatusInput): Promise<boolean> {
      const result = await deps.db.kysely
        .updateTable('anomalies')
        .set({ status: input.status, updated_at: deps.clock() })
        .where('event_key', '=', input.eventKey)
        .where('status', 'in', MOVES_FROM[input.status] ?? [])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Records an acknowledgement or review decision (idempotent by reviewId; the web UI may have recorded it). */
    async recordAnomalyReview(input: RecordAnomalyReviewInput): Promise<boolean> {
      try {
        return await recordReview(deps.db.kysely, { ...input, at: new Date(input.at) });
      } catch (error) {
        // A review of an anomaly that was never stored is a contract breach, not an outage: fail loudly, no retry.
        if ((error as { code?: string }).code === '23503') {
          throw ApplicationFailure.nonRetryable(`no anomaly row for ${input.eventKey}`, 'AnomalyNotFound');
        }
        throw error;
      }
    },

    /** The business date whose sent daily report this review changes (a correction is due), or null. */
    async findReportToCorrect(input: { eventKey: string; reviewId: string }): Promise<{ businessDate: string | null }> {
      return { businessDate: await reportedDateBeforeReview(deps.db.kysely, input) };
    },
  };
}

export type AnomalyWorkflowActivities = ReturnType<typeof createAnomalyWorkflowActivities>;

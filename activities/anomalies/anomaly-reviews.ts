import type { Kysely } from 'kysely';
import type { AnomalyStatus, Database } from '../../schemas/db/database';

export interface ReviewRecord {
  /** Idempotency key: the same review recorded twice (API and workflow, or a retry) is one audit row. */
  reviewId: string;
  eventKey: string;
  action: 'acknowledge' | 'confirm' | 'dismiss';
  comment: string | null;
  actor: string;
  at?: Date;
}

const STATUS_AFTER: Record<ReviewRecord['action'], AnomalyStatus> = {
  acknowledge: 'acknowledged',
  confirm: 'confirmed',
  dismiss: 'dismissed',
};

/**
 * Appends a review to the audit log and moves the anomaly's status, in one transaction. Returns false when the
 * review id was recorded before (nothing changes). An acknowledgement never overrides a review decision.
 */
export async function recordReview(db: Kysely<Database>, review: ReviewRecord): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('anomaly_reviews')
      .values({
        review_id: review.reviewId,
        anomaly_event_key: review.eventKey,
        action: review.action,
        comment: review.comment,
        actor: review.actor,
        ...(review.at ? { at: review.at } : {}),
      })
      .onConflict((oc) => oc.column('review_id').doNothing())
      .returning('review_id')
      .executeTakeFirst();
    if (!inserted) return false;
    let update = tx
      .updateTable('anomalies')
      .set({ status: STATUS_AFTER[review.action], updated_at: new Date() })
      .where('event_key', '=', review.eventKey);
    if (review.action === 'acknowledge') update = update.where('status', 'not in', ['confirmed', 'dismissed']);
    await update.execute();
    return true;
  });
}

/** The audit log of one anomaly, oldest first. */
export async function reviewsOf(db: Kysely<Database>, eventKey: string) {
  return db
    .selectFrom('anomaly_reviews')
    .selectAll()
    .where('anomaly_event_key', '=', eventKey)
    .orderBy('at')
    .orderBy('review_id')
    .execute();
}

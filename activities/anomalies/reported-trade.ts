import type { Kysely } from 'kysely';
import type { Database } from '../../schemas/db/database';

/**
 * The business date of the daily report that carried a trade event before a review decision changed it, or null:
 * the report whose period holds the trade's receipt and whose file was generated before the review was recorded —
 * sent, or archived and about to be, or rejected and waiting to be resubmitted (its file goes out as it was). A
 * report built after the review already shows the decision, so there is nothing to correct.
 */
export async function reportedDateBeforeReview(
  db: Kysely<Database>,
  input: { eventKey: string; reviewId: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('trades as t')
    .innerJoin('reports as r', (join) =>
      join
        .on('r.kind', '=', 'daily')
        .onRef('r.period_start', '<=', 't.received_at')
        .onRef('r.period_end', '>', 't.received_at'),
    )
    .innerJoin('anomaly_reviews as v', (join) => join.on('v.review_id', '=', input.reviewId))
    .select('r.business_date')
    .where('t.event_key', '=', input.eventKey)
    .where('r.status', 'in', ['archived', 'transmitted', 'acknowledged', 'not_reported'])
    .whereRef('r.generated_at', '<', 'v.at')
    .orderBy('r.business_date')
    .executeTakeFirst();
  return row?.business_date ?? null;
}

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../../schemas/db/database';
import { PRODUCTS } from '../../../schemas/trade/fields';
import { filterText, isoDate, page, pageSize } from './validate';

export const ANOMALY_STATUSES = ['open', 'alerted', 'escalated', 'acknowledged', 'confirmed', 'dismissed'] as const;
const PENDING = ['open', 'alerted', 'escalated', 'acknowledged'] as const;
const score = z.coerce.number().min(-1e6).max(1e6);

/** Query of GET /api/anomalies. `status=pending` means every status still waiting for a review decision. */
export const anomalyListQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    product: z.enum(PRODUCTS).optional(),
    desk: filterText.optional(),
    status: z.enum([...ANOMALY_STATUSES, 'pending']).optional(),
    minScore: score.optional(),
    maxScore: score.optional(),
    page,
    pageSize,
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] });
export type AnomalyListQuery = z.infer<typeof anomalyListQuery>;

/** One page of anomalies, newest business date first, then highest score; every filter is a bound parameter. */
export async function listAnomalies(db: Kysely<Database>, q: AnomalyListQuery) {
  let query = db.selectFrom('anomalies');
  if (q.from) query = query.where('business_date', '>=', q.from);
  if (q.to) query = query.where('business_date', '<=', q.to);
  if (q.product) query = query.where('product', '=', q.product);
  if (q.desk) query = query.where('desk', '=', q.desk);
  if (q.status === 'pending') query = query.where('status', 'in', [...PENDING]);
  else if (q.status) query = query.where('status', '=', q.status);
  if (q.minScore !== undefined) query = query.where('ensemble_score', '>=', q.minScore);
  if (q.maxScore !== undefined) query = query.where('ensemble_score', '<=', q.maxScore);
  const [rows, count] = await Promise.all([
    query
      .select([
        'event_key',
        'business_date',
        'execution_ts',
        'uti',
        'product',
        'desk',
        'ensemble_score',
        'model_version',
        'rule_hits',
        'status',
        'detected_by',
        'workflow_id',
      ])
      .orderBy('business_date', 'desc')
      .orderBy(
        (eb) => eb.ref('ensemble_score'),
        (ob) => ob.desc().nullsLast(),
      )
      .orderBy('event_key')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

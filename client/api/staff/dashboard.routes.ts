import express from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate';
import { cachedScheduleStatuses } from './schedule-status';
import type { StaffDeps } from './staff-deps';
import { parseInput } from './validate';

export const PENDING_STATUSES = ['open', 'alerted', 'escalated', 'acknowledged'] as const;
const query = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** KST calendar date of an instant, `YYYY-MM-DD` (Seoul has no daylight saving). */
export function kstDate(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** GET /api/dashboard: anomalies per business day, open reviews, and every schedule's next and last run. */
export function dashboardRouter(deps: StaffDeps): express.Router {
  const router = express.Router();
  const schedules = cachedScheduleStatuses(deps.temporal, deps.options, deps.options.scheduleCacheMs);
  router.get('/', requireRole('viewer'), async (req, res) => {
    const input = parseInput(query, 'query', req, res, deps.logger);
    if (!input) return;
    const to = kstDate(deps.options.clock());
    const from = kstDate(new Date(Date.parse(`${to}T00:00:00Z`) - (input.days - 1) * 86_400_000));
    const db = deps.db.kysely;
    const [perDay, open, scheduleList] = await Promise.all([
      db
        .selectFrom('anomalies')
        .select((eb) => [
          'business_date',
          eb.fn.countAll<number>().as('total'),
          sql<number>`count(*) filter (where status = 'confirmed')`.as('confirmed'),
          sql<number>`count(*) filter (where status = 'dismissed')`.as('dismissed'),
        ])
        .where('business_date', '>=', from)
        .where('business_date', '<=', to)
        .groupBy('business_date')
        .orderBy('business_date')
        .execute(),
      db
        .selectFrom('anomalies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', [...PENDING_STATUSES])
        .executeTakeFirstOrThrow(),
      schedules().catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'schedules unavailable');
        return null;
      }),
    ]);
    res.json({
      from,
      to,
      anomaliesPerDay: perDay.map((d) => ({
        date: d.business_date,
        total: Number(d.total),
        confirmed: Number(d.confirmed),
        dismissed: Number(d.dismissed),
        pending: Number(d.total) - Number(d.confirmed) - Number(d.dismissed),
      })),
      openReviews: Number(open.n),
      schedules: scheduleList,
    });
  });
  return router;
}

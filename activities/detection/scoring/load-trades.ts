import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import type { RuleSet } from '../../../schemas/detection/rule-set';
import { ACTIVITY_WINDOW_MS } from '../../models/features/activity-window';
import { MS_PER_MINUTE } from '../../models/features/trade-calendar';

/** How far around a trade its context reaches: the widest window any feature or rule looks at. */
export function contextMarginMs(rules: RuleSet): number {
  return Math.max(
    ACTIVITY_WINDOW_MS,
    rules.wash.windowMinutes * MS_PER_MINUTE,
    rules.concentration.windowMinutes * MS_PER_MINUTE,
  );
}

export interface UnscoredRange {
  from: Date;
  to: Date;
  /** Only the trades of this ingested file. */
  fileId?: number;
}

/**
 * Splits the unscored trades of a range into consecutive time ranges of about `chunkRows` trades each (ties at a
 * boundary may make a chunk a little larger), so chunks can be scored in parallel without overlapping.
 */
export async function planUnscoredChunks(
  db: Kysely<Database>,
  range: UnscoredRange & { chunkRows: number },
): Promise<{ from: string; to: string; trades: number }[]> {
  const fileFilter = range.fileId === undefined ? sql`` : sql`AND t.file_id = ${range.fileId}`;
  const result = await sql<{ first: Date; trades: number }>`
    SELECT min(execution_ts) AS first, count(*)::int AS trades FROM (
      SELECT t.execution_ts, (row_number() OVER (ORDER BY t.execution_ts) - 1) / ${range.chunkRows} AS chunk
      FROM trades t LEFT JOIN trade_scores s ON s.execution_ts = t.execution_ts AND s.event_key = t.event_key
      WHERE s.event_key IS NULL AND t.execution_ts >= ${range.from} AND t.execution_ts < ${range.to} ${fileFilter}
    ) numbered GROUP BY chunk ORDER BY chunk`.execute(db);
  const firsts = result.rows;
  return firsts.map((row, i) => ({
    from: row.first.toISOString(),
    to: (firsts[i + 1]?.first ?? range.to).toISOString(),
    trades: row.trades,
  }));
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import {
  FEATURE_TRADE_COLUMNS,
  fromTradeRow,
  type FeatureTrade,
  type FeatureTradeRow,
} from '../../models/features/feature-trade';

/**
 * One batch chunk in one query: the unscored trades of [from, to) (of one file, when given) as targets, and every
 * other trade within `marginMs` around the range as their context.
 */
export async function loadChunkTrades(
  db: Kysely<Database>,
  range: { from: Date; to: Date; fileId?: number; marginMs: number },
): Promise<{ targets: FeatureTrade[]; context: FeatureTrade[] }> {
  const columns = sql.join(FEATURE_TRADE_COLUMNS.map((c) => sql.ref(`t.${c}`)));
  const fileMatch = range.fileId === undefined ? sql`true` : sql`t.file_id = ${range.fileId}`;
  const rows = await sql<FeatureTradeRow & { target: boolean }>`
    SELECT ${columns},
      (s.event_key IS NULL AND t.execution_ts >= ${range.from} AND t.execution_ts < ${range.to} AND ${fileMatch})
        AS target
    FROM trades t
    LEFT JOIN trade_scores s ON s.execution_ts = t.execution_ts AND s.event_key = t.event_key
    WHERE t.execution_ts >= ${new Date(range.from.getTime() - range.marginMs)}
      AND t.execution_ts <= ${new Date(range.to.getTime() + range.marginMs)}
    ORDER BY t.execution_ts`.execute(db);
  const targets: FeatureTrade[] = [];
  const context: FeatureTrade[] = [];
  for (const row of rows.rows) (row.target ? targets : context).push(fromTradeRow(row));
  return { targets, context };
}

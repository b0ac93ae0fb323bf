import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import {
  FEATURE_TRADE_COLUMNS,
  fromTradeRow,
  type FeatureTrade,
  type FeatureTradeRow,
} from '../features/feature-trade';

/**
 * A bounded sample of the window's trades, stratified by product (each product keeps its share of the week), in
 * a deterministic order (md5 of event key and seed), so a retried activity draws the same sample.
 */
export async function loadTrainingTrades(
  db: Db,
  options: { fromMs: number; toMs: number; maxRows: number; seed: number },
): Promise<FeatureTrade[]> {
  const from = new Date(options.fromMs);
  const to = new Date(options.toMs);
  const columns = sql.join(FEATURE_TRADE_COLUMNS.map((c) => sql.ref(c)));
  const result = await sql<FeatureTradeRow>`
    WITH window_trades AS (
      SELECT ${columns},
             row_number() OVER (PARTITION BY product ORDER BY md5(event_key::text || ${String(options.seed)})) AS rn,
             count(*) OVER (PARTITION BY product) AS product_rows,
             count(*) OVER () AS all_rows
      FROM trades
      WHERE execution_ts >= ${from} AND execution_ts < ${to}
    )
    SELECT ${columns} FROM window_trades
    WHERE rn <= greatest(1, ceil(${options.maxRows}::numeric * product_rows / all_rows))
    ORDER BY execution_ts, event_key`.execute(db.kysely);
  return result.rows.map(fromTradeRow);
}

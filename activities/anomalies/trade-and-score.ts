import type { Kysely, Selectable } from 'kysely';
import type { Database, Trade, TradeScoresTable } from '../../schemas/db/database';

/** An anomaly's trade event and its score row (rule hits, member scores, explanation), read side by side. */
export async function tradeAndScoreOf(
  db: Kysely<Database>,
  anomaly: { event_key: string; execution_ts: Date },
): Promise<{ trade: Trade | undefined; score: Selectable<TradeScoresTable> | undefined }> {
  const [trade, score] = await Promise.all([
    db
      .selectFrom('trades')
      .selectAll()
      .where('event_key', '=', anomaly.event_key)
      .where('execution_ts', '=', anomaly.execution_ts)
      .executeTakeFirst(),
    db
      .selectFrom('trade_scores')
      .selectAll()
      .where('event_key', '=', anomaly.event_key)
      .where('execution_ts', '=', anomaly.execution_ts)
      .executeTakeFirst(),
  ]);
  return { trade, score };
}

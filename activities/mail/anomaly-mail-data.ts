import type { Kysely, Selectable } from 'kysely';
import type { AnomaliesTable, Database, Trade, TradeScoresTable } from '../../schemas/db/database';

export interface AnomalyMailData {
  anomaly: Selectable<AnomaliesTable>;
  trade: Trade | undefined;
  score: Selectable<TradeScoresTable> | undefined;
}

/** What an alert e-mail shows: the anomaly row, its trade event and its score row (with the explanation). */
export async function loadAnomalyMailData(
  db: Kysely<Database>,
  eventKey: string,
): Promise<AnomalyMailData | undefined> {
  const anomaly = await db.selectFrom('anomalies').selectAll().where('event_key', '=', eventKey).executeTakeFirst();
  if (!anomaly) return undefined;
  const [trade, score] = await Promise.all([
    db
      .selectFrom('trades')
      .selectAll()
      .where('event_key', '=', eventKey)
      .where('execution_ts', '=', anomaly.execution_ts)
      .executeTakeFirst(),
    db
      .selectFrom('trade_scores')
      .selectAll()
      .where('event_key', '=', eventKey)
      .where('execution_ts', '=', anomaly.execution_ts)
      .executeTakeFirst(),
  ]);
  return { anomaly, trade, score };
}

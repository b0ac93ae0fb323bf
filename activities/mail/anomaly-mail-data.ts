import type { Kysely, Selectable } from 'kysely';
import type { AnomaliesTable, Database, Trade, TradeScoresTable } from '../../schemas/db/database';
import { tradeAndScoreOf } from '../anomalies/trade-and-score';

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
  return { anomaly, ...(await tradeAndScoreOf(db, anomaly)) };
}

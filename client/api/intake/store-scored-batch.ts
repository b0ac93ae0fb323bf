import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import type { ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import { saveScoresAfter, type NewAnomaly } from '../../../activities/detection/scoring/score-store';
import type { FeatureTrade } from '../../../activities/models/features/feature-trade';
import type { KeyedRecord } from './intake-pipeline';

export interface StoredBatch {
  /** Event keys whose trade this statement stored; the others were stored before (duplicates). */
  trades: Set<string>;
  /** Event keys whose score this statement stored; the others had been scored before (the first decision stands). */
  scores: Set<string>;
  newAnomalies: NewAnomaly[];
}

/**
 * A real-time batch's trades (source 'api') AND their scores, anomalies and normal trades' day summary in ONE
 * statement (saveScores' statement with the trades' insert run first): one round trip and one commit (one WAL flush)
 * per batch, which is most of what the database costs a request. Idempotent: an event stored or scored before keeps
 * its first trade row and first score, and is neither counted nor flagged again.
 * `scored[i]` belongs to `batch[i]` and `trades[i]`.
 */
export async function storeScoredBatch(
  db: Kysely<Database>,
  input: {
    batch: readonly KeyedRecord[];
    scored: readonly ScoredTrade[];
    trades: readonly FeatureTrade[];
    modelVersion: string | null;
    ruleSetVersion: number;
  },
): Promise<StoredBatch> {
  const insertTrades = db
    .insertInto('trades')
    .values(input.batch.map(({ record, eventKey }) => ({ ...record, event_key: eventKey, source: 'api' as const })))
    .onConflict((oc) => oc.columns(['execution_ts', 'event_key']).doNothing())
    .returning('event_key');
  const saved = await saveScoresAfter(db, { ...input, scoredBy: 'api' }, insertTrades);
  return { trades: saved.leading, scores: saved.stored, newAnomalies: saved.newAnomalies };
}

import { sql, type Kysely } from 'kysely';
import { TRADE_COLUMNS } from '../../../schemas/trade/fields';
import type { Database } from '../../../schemas/db/database';
import type { ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import { saveScoresAfter, type NewAnomaly } from '../../../activities/detection/scoring/score-store';
import type { FeatureTrade } from '../../../activities/models/features/feature-trade';
import type { KeyedRecord } from './intake-pipeline';

/** What an API trade row is stored with: its record, its event key and its source (received_at by default). */
const INSERTED_COLUMNS = ['event_key', 'source', ...TRADE_COLUMNS] as const;

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
  // The trades as one JSON document (one bind parameter, however many trades: a batch of 2,000 records as VALUES
  // came near PostgreSQL's 65,535-parameter limit), read into rows of the trades table's own types.
  const columns = sql.join(INSERTED_COLUMNS.map((c) => sql.ref(c)));
  const rows = JSON.stringify(
    input.batch.map(({ record, eventKey }) => ({ ...record, event_key: eventKey, source: 'api' })),
  );
  const insertTrades = sql<{ event_key: string }>`
    INSERT INTO trades (${columns})
    SELECT ${columns} FROM jsonb_populate_recordset(NULL::trades, ${rows}::jsonb)
    ON CONFLICT (execution_ts, event_key) DO NOTHING
    RETURNING event_key`;
  const saved = await saveScoresAfter(db, { ...input, scoredBy: 'api' }, insertTrades);
  return { trades: saved.leading, scores: saved.stored, newAnomalies: saved.newAnomalies };
}

import type { Kysely } from 'kysely';
import type { Database, RuleHit } from '../../../schemas/db/database';
import type { TradeRecord } from '../../../schemas/trade/fields';
import type { TradeExplanation } from '../../../activities/detection/scoring/explain-trade';

export interface StoredScore {
  isAnomaly: boolean;
  ensembleScore: number | null;
  ruleHits: RuleHit[];
  memberScores: Record<string, { score: number; vote: boolean }>;
  explanation: TradeExplanation | Record<string, never>;
  modelVersion: string | null;
  ruleSetVersion: number | null;
}

/** The recorded scores of the given trade events, by event key (found through the primary key). */
export async function readScores(
  db: Kysely<Database>,
  trades: readonly { record: TradeRecord; eventKey: string }[],
): Promise<Map<string, StoredScore>> {
  if (trades.length === 0) return new Map();
  const times = trades.map((t) => Date.parse(t.record.execution_ts));
  // The primary key is (execution_ts, event_key): a time range plus the keys stays an index scan for any batch.
  const rows = await db
    .selectFrom('trade_scores')
    .selectAll()
    .where('execution_ts', '>=', new Date(Math.min(...times)))
    .where('execution_ts', '<=', new Date(Math.max(...times)))
    .where(
      'event_key',
      'in',
      trades.map((t) => t.eventKey),
    )
    .execute();
  return new Map(
    rows.map((r) => [
      r.event_key,
      {
        isAnomaly: r.is_anomaly,
        ensembleScore: r.ensemble_score,
        ruleHits: r.rule_hits,
        memberScores: r.member_scores,
        explanation: r.explanation as StoredScore['explanation'],
        modelVersion: r.model_version,
        ruleSetVersion: r.rule_set_version,
      },
    ]),
  );
}

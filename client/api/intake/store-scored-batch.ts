import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import { anomalyWorkflowId } from '../../../schemas/workflow-ids';
import { kstDateOf } from '../../../activities/detection/scoring/kst-date';
import type { ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import type { NewAnomaly } from '../../../activities/detection/scoring/score-store';
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
 * statement: one round trip and one commit (one WAL flush) per batch, which is most of what the database costs a
 * request. The score part is saveScores' statement (activities/detection/scoring/score-store.ts) with the trades'
 * insert as one more data-modifying CTE; keep the two alike. Idempotent as each of them: an event stored or scored
 * before keeps its first trade row and first score, and is neither counted nor flagged again.
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
  const { scored: s, trades: t } = input;
  const insertTrades = db
    .insertInto('trades')
    .values(input.batch.map(({ record, eventKey }) => ({ ...record, event_key: eventKey, source: 'api' as const })))
    .onConflict((oc) => oc.columns(['execution_ts', 'event_key']).doNothing())
    .returning('event_key');
  const result = await sql<{
    kind: 'trade' | 'scored' | 'anomaly';
    event_key: string;
    uti: string | null;
    execution_ts: Date | null;
  }>`
    WITH stored_trades AS (${insertTrades}),
    input AS (
      SELECT * FROM unnest(
        ${s.map((x) => x.eventKey)}::uuid[], ${s.map((x) => new Date(x.executionMs).toISOString())}::timestamptz[],
        ${s.map((x) => x.ensembleScore)}::float8[], ${s.map((x) => JSON.stringify(x.memberScores))}::text[],
        ${s.map((x) => JSON.stringify(x.ruleHits))}::text[], ${s.map((x) => x.isAnomaly)}::boolean[],
        ${s.map((x) => JSON.stringify(x.explanation ?? {}))}::text[], ${s.map((x) => kstDateOf(x.executionMs))}::date[],
        ${t.map((x) => x.uti)}::text[], ${t.map((x) => x.product)}::text[], ${t.map((x) => x.desk)}::text[],
        ${t.map((x) => x.notional_currency_leg1)}::text[], ${t.map((x) => String(x.notional_leg1))}::numeric[],
        ${s.map((x) => anomalyWorkflowId(x.eventKey))}::text[]
      ) AS u(k, ts, score, ms, rh, anomaly, ex, bdate, uti, product, desk, ccy, notional, wf)
    ),
    scored AS (
      INSERT INTO trade_scores (event_key, execution_ts, model_version, rule_set_version, ensemble_score,
        member_scores, rule_hits, is_anomaly, explanation, scored_by)
      SELECT k, ts, ${input.modelVersion}, ${input.ruleSetVersion}, score, ms::jsonb, rh::jsonb, anomaly, ex::jsonb,
        'api'
      FROM input
      ON CONFLICT DO NOTHING
      RETURNING event_key
    ),
    fresh AS (SELECT input.* FROM input JOIN scored ON scored.event_key = input.k),
    flagged AS (
      INSERT INTO anomalies (event_key, execution_ts, business_date, uti, product, desk, ensemble_score,
        model_version, rule_hits, detected_by, workflow_id)
      SELECT k, ts, bdate, uti, product, desk, score, ${input.modelVersion}, rh::jsonb, 'api', wf
      FROM fresh WHERE anomaly
      ON CONFLICT (event_key) DO NOTHING
      RETURNING event_key, uti, execution_ts
    ),
    summary AS (
      INSERT INTO daily_trade_summaries (business_date, product, currency, trades, notional)
      SELECT bdate, product, ccy, count(*), sum(notional) FROM fresh WHERE NOT anomaly
      GROUP BY bdate, product, ccy ORDER BY bdate, product, ccy
      ON CONFLICT (business_date, product, currency) DO UPDATE SET
        trades = daily_trade_summaries.trades + excluded.trades,
        notional = daily_trade_summaries.notional + excluded.notional,
        updated_at = now()
    )
    SELECT 'trade' AS kind, event_key::text, NULL::text AS uti, NULL::timestamptz AS execution_ts FROM stored_trades
    UNION ALL
    SELECT 'scored', event_key::text, NULL, NULL FROM scored
    UNION ALL
    SELECT 'anomaly', event_key::text, uti, execution_ts FROM flagged`.execute(db);
  const out: StoredBatch = { trades: new Set(), scores: new Set(), newAnomalies: [] };
  for (const row of result.rows) {
    if (row.kind === 'trade') out.trades.add(row.event_key);
    else if (row.kind === 'scored') out.scores.add(row.event_key);
    else {
      out.newAnomalies.push({
        eventKey: row.event_key,
        uti: row.uti!,
        executionTs: row.execution_ts!.toISOString(),
        workflowId: anomalyWorkflowId(row.event_key),
      });
    }
  }
  return out;
}

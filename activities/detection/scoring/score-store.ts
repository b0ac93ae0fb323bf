import { sql, type Kysely, type RawBuilder } from 'kysely';
import { anomalyWorkflowId } from '../../../schemas/workflow-ids';
import type { Database } from '../../../schemas/db/database';
import type { FeatureTrade } from '../../models/features/feature-trade';
import { kstDateOf } from './kst-date';
import type { ScoredTrade } from './score-trades';

export interface SaveScoresInput {
  /** Scored trades and the trades they belong to, index by index. */
  scored: readonly ScoredTrade[];
  trades: readonly FeatureTrade[];
  modelVersion: string | null;
  ruleSetVersion: number;
  scoredBy: 'api' | 'batch';
}

/** An anomaly recorded now for the first time: its anomalyWorkflow is still to be started. */
export interface NewAnomaly {
  eventKey: string;
  uti: string;
  executionTs: string;
  workflowId: string;
}

export interface SavedScores {
  /** Event keys whose score this call stored; the others had been scored before (the first decision stands). */
  stored: Set<string>;
  newAnomalies: NewAnomaly[];
}

/**
 * Stores each trade's score, an `anomalies` row per anomaly and adds the normal ones to the day's summary (by KST
 * date, product and currency), in ONE statement: data-modifying CTEs run atomically and cost one round trip,
 * which is what a real-time request can afford. Idempotent: a trade event scored before keeps its first score and
 * is neither counted nor flagged again, so a retried batch chunk or a re-posted trade changes nothing.
 */
export async function saveScores(db: Kysely<Database>, input: SaveScoresInput): Promise<SavedScores> {
  if (input.scored.length === 0) return { stored: new Set(), newAnomalies: [] };
  const { stored, newAnomalies } = await saveScoresAfter(db, input);
  return { stored, newAnomalies };
}

/**
 * saveScores' statement with `leading`, one more data-modifying CTE (an INSERT … RETURNING event_key), run first in
 * the same statement: the real-time intake stores its trades this way, in the same round trip and commit. The event
 * keys `leading` returns come back as `leading`.
 */
export async function saveScoresAfter(
  db: Kysely<Database>,
  input: SaveScoresInput,
  leading?: RawBuilder<{ event_key: string }>,
): Promise<SavedScores & { leading: Set<string> }> {
  const s = input.scored;
  const t = input.trades;
  const result = await sql<{
    kind: 'leading' | 'scored' | 'anomaly';
    event_key: string;
    uti: string | null;
    execution_ts: Date | null;
  }>`
    WITH ${leading ? sql`leading_cte AS (${leading}),` : sql``}
    input AS (
      SELECT * FROM jsonb_to_recordset(${inputRows(s, t)}::jsonb)
        AS u(k uuid, ts timestamptz, score float8, ms jsonb, rh jsonb, anomaly boolean, ex jsonb, bdate date,
          uti text, product text, desk text, ccy text, notional numeric, wf text)
    ),
    scored AS (
      INSERT INTO trade_scores (event_key, execution_ts, model_version, rule_set_version, ensemble_score,
        member_scores, rule_hits, is_anomaly, explanation, scored_by)
      SELECT k, ts, ${input.modelVersion}, ${input.ruleSetVersion}, score, ms, rh, anomaly, ex,
        ${input.scoredBy}
      FROM input
      ON CONFLICT DO NOTHING
      RETURNING event_key
    ),
    fresh AS (SELECT input.* FROM input JOIN scored ON scored.event_key = input.k),
    flagged AS (
      INSERT INTO anomalies (event_key, execution_ts, business_date, uti, product, desk, ensemble_score,
        model_version, rule_hits, detected_by, workflow_id)
      SELECT k, ts, bdate, uti, product, desk, score, ${input.modelVersion}, rh, ${input.scoredBy}, wf
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
    ${leading ? sql`SELECT 'leading' AS kind, event_key::text, NULL::text AS uti, NULL::timestamptz AS execution_ts FROM leading_cte UNION ALL` : sql``}
    SELECT 'scored' AS kind, event_key::text, NULL::text AS uti, NULL::timestamptz AS execution_ts FROM scored
    UNION ALL
    SELECT 'anomaly', event_key::text, uti, execution_ts FROM flagged`.execute(db);
  const leadingKeys = new Set<string>();
  const stored = new Set<string>();
  const newAnomalies: NewAnomaly[] = [];
  for (const row of result.rows) {
    if (row.kind === 'leading') leadingKeys.add(row.event_key);
    else if (row.kind === 'scored') stored.add(row.event_key);
    else {
      newAnomalies.push({
        eventKey: row.event_key,
        uti: row.uti!,
        executionTs: row.execution_ts!.toISOString(),
        workflowId: anomalyWorkflowId(row.event_key),
      });
    }
  }
  return { leading: leadingKeys, stored, newAnomalies };
}

/**
 * The rows to store as ONE JSON document, unpacked by jsonb_to_recordset: one native JSON.stringify here and one
 * parse in PostgreSQL, instead of fourteen parameter arrays each formatted element by element by the driver.
 */
function inputRows(s: readonly ScoredTrade[], t: readonly FeatureTrade[]): string {
  return JSON.stringify(
    s.map((x, i) => ({
      k: x.eventKey,
      ts: new Date(x.executionMs).toISOString(),
      score: x.ensembleScore,
      ms: x.memberScores,
      rh: x.ruleHits,
      anomaly: x.isAnomaly,
      ex: x.explanation ?? {},
      bdate: kstDateOf(x.executionMs),
      uti: t[i]!.uti,
      product: t[i]!.product,
      desk: t[i]!.desk,
      ccy: t[i]!.notional_currency_leg1,
      // Numerics as text: the decimal the trade carries, not a binary float's expansion.
      notional: String(t[i]!.notional_leg1),
      wf: anomalyWorkflowId(x.eventKey),
    })),
  );
}

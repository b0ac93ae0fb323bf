import { sql, type Kysely, type Transaction } from 'kysely';
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
 * Stores each trade's score, an `anomalies` row per anomaly and adds the normal ones to the day's summary, in one
 * transaction. Idempotent: a trade event scored before keeps its first score and is neither counted nor flagged
 * again, so a retried batch chunk or a re-posted trade changes nothing.
 */
export async function saveScores(db: Kysely<Database>, input: SaveScoresInput): Promise<SavedScores> {
  if (input.scored.length === 0) return { stored: new Set(), newAnomalies: [] };
  return db.transaction().execute(async (tx) => {
    const stored = await insertScores(tx, input);
    const fresh = input.scored.flatMap((s, i) => (stored.has(s.eventKey) ? [{ s, t: input.trades[i]! }] : []));
    const newAnomalies = await insertAnomalies(
      tx,
      fresh.filter(({ s }) => s.isAnomaly),
      input,
    );
    await addToDailySummary(
      tx,
      fresh.filter(({ s }) => !s.isAnomaly).map(({ t }) => t),
    );
    return { stored, newAnomalies };
  });
}

async function insertScores(tx: Transaction<Database>, input: SaveScoresInput): Promise<Set<string>> {
  const s = input.scored;
  const rows = await sql<{ event_key: string }>`
    INSERT INTO trade_scores (event_key, execution_ts, model_version, rule_set_version, ensemble_score,
      member_scores, rule_hits, is_anomaly, explanation, scored_by)
    SELECT k, ts, ${input.modelVersion}, ${input.ruleSetVersion}, score, ms::jsonb, rh::jsonb, anomaly, ex::jsonb,
      ${input.scoredBy}
    FROM unnest(
      ${s.map((x) => x.eventKey)}::uuid[], ${s.map((x) => new Date(x.executionMs).toISOString())}::timestamptz[],
      ${s.map((x) => x.ensembleScore)}::float8[], ${s.map((x) => JSON.stringify(x.memberScores))}::text[],
      ${s.map((x) => JSON.stringify(x.ruleHits))}::text[], ${s.map((x) => x.isAnomaly)}::boolean[],
      ${s.map((x) => JSON.stringify(x.explanation ?? {}))}::text[]
    ) AS u(k, ts, score, ms, rh, anomaly, ex)
    ON CONFLICT DO NOTHING
    RETURNING event_key`.execute(tx);
  return new Set(rows.rows.map((r) => r.event_key));
}

async function insertAnomalies(
  tx: Transaction<Database>,
  rows: { s: ScoredTrade; t: FeatureTrade }[],
  input: SaveScoresInput,
): Promise<NewAnomaly[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insertInto('anomalies')
    .values(
      rows.map(({ s, t }) => ({
        event_key: s.eventKey,
        execution_ts: new Date(s.executionMs),
        business_date: kstDateOf(s.executionMs),
        uti: t.uti,
        product: t.product,
        desk: t.desk,
        ensemble_score: s.ensembleScore,
        model_version: input.modelVersion,
        rule_hits: JSON.stringify(s.ruleHits),
        detected_by: input.scoredBy,
        workflow_id: anomalyWorkflowId(s.eventKey),
      })),
    )
    .onConflict((oc) => oc.column('event_key').doNothing())
    .returning(['event_key', 'uti', 'execution_ts', 'workflow_id'])
    .execute();
  return inserted.map((r) => ({
    eventKey: r.event_key,
    uti: r.uti,
    executionTs: r.execution_ts.toISOString(),
    workflowId: r.workflow_id,
  }));
}

/** Adds normal trades to their KST day's counts and notional sums, in key order (no deadlock between batches). */
async function addToDailySummary(tx: Transaction<Database>, trades: readonly FeatureTrade[]): Promise<void> {
  const groups = new Map<string, { date: string; product: string; currency: string; n: number; notional: number }>();
  for (const t of trades) {
    const date = kstDateOf(t.executionMs);
    const key = `${date}|${t.product}|${t.notional_currency_leg1}`;
    const g = groups.get(key);
    if (g) [g.n, g.notional] = [g.n + 1, g.notional + t.notional_leg1];
    else
      groups.set(key, {
        date,
        product: t.product,
        currency: t.notional_currency_leg1,
        n: 1,
        notional: t.notional_leg1,
      });
  }
  const rows = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  if (rows.length === 0) return;
  await tx
    .insertInto('daily_trade_summaries')
    .values(
      rows.map((g) => ({
        business_date: g.date,
        product: g.product,
        currency: g.currency,
        trades: g.n,
        notional: g.notional.toFixed(5),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['business_date', 'product', 'currency']).doUpdateSet({
        trades: sql`daily_trade_summaries.trades + excluded.trades`,
        notional: sql`daily_trade_summaries.notional + excluded.notional`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

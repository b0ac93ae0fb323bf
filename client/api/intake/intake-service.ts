import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database, RuleHit } from '../../../schemas/db/database';
import type { TradeRecord } from '../../../schemas/trade/fields';
import type { Logger } from '../../../activities/logging/logger';
import { eventKeyOf } from '../../../activities/ingest/event-key';
import type { MarketCalendarHolder } from '../../../activities/detection/rules/market-calendar';
import type { RuleSetHolder } from '../../../activities/detection/rules/rule-set-holder';
import type { ChampionHolder } from '../../../activities/detection/scoring/champion-holder';
import type { DecisionSettings } from '../../../activities/detection/scoring/decision-policy';
import type { TradeExplanation } from '../../../activities/detection/scoring/explain-trade';
import { anomalyWorkflowId } from '../../../schemas/workflow-ids';
import type { KeyedRecord, ScoringOutcome } from './intake-pipeline';
import type { StoredScore } from './read-scores';
import type { ScoringBatcher } from './scoring-batcher';
import type { ContextCache } from './context-cache';
export interface IntakeDeps {
  db: Kysely<Database>;
  temporal: Client;
  logger: Logger;
  champion: ChampionHolder;
  rules: RuleSetHolder;
  /** Public holidays and closures, for the market-hours rule. */
  calendar: MarketCalendarHolder;
  decision: DecisionSettings;
  /** Task queue of anomalyWorkflow (the CPU worker's). */
  workflowTaskQueue: string;
  /** Most stored trades loaded as one request's context. */
  contextLimit: number;
  /** The recent flow in memory (the context of real-time scoring). */
  context: ContextCache;
  /** Scores requests' new trades together while a batch is running (see createScoringBatcher). */
  batcher: ScoringBatcher<KeyedRecord, ScoringOutcome>;
}

export interface IntakeItem {
  index: number;
  eventKey: string;
  uti: string;
  /** The same trade event was stored before (by a file or an earlier post); its first decision stands. */
  duplicate: boolean;
  decision: 'anomaly' | 'normal';
  score: number | null;
  ruleHits: RuleHit[];
  memberScores: Record<string, { score: number; vote: boolean }>;
  explanation: TradeExplanation | Record<string, never> | null;
  modelVersion: string | null;
  ruleSetVersion: number | null;
  /** The anomaly's workflow (anomalies only). */
  workflowId?: string;
}

export interface IntakeResult {
  /** Which decided: the rules and the champion, or the rules alone while there is no champion yet. */
  decidedBy: string;
  modelVersion: string | null;
  ruleSetVersion: number;
  stored: number;
  duplicates: number;
  anomalies: number;
  /** Anomalies whose workflow could not be started now; batch detection starts them later. */
  alertsPending: number;
  items: IntakeItem[];
}

/**
 * Real-time intake ("TainOn"): stores validated trades, scores the ones without a score (new, or stored by a file
 * and not yet batch-scored) among the flow before them, records the decisions and starts anomalyWorkflow per new
 * anomaly. A re-post is a duplicate, answered with the decision already recorded.
 */
export async function submitTrades(deps: IntakeDeps, records: readonly TradeRecord[]): Promise<IntakeResult> {
  const keyed = records.map((record) => ({ record, eventKey: eventKeyOf(record) }));
  const unique = [...new Map(keyed.map((k) => [k.eventKey, k])).values()];
  const { result: outcome, owned } = await deps.batcher.submit(unique);
  // Only a request that brought a new anomaly waits for its workflow to be started.
  const pending = unique.some((k) => owned.has(k.eventKey) && outcome.newAnomalies.has(k.eventKey))
    ? await outcome.pending
    : new Set<string>();
  const seen = new Set<string>();
  const items = keyed.map(({ record, eventKey }, index): IntakeItem => {
    const duplicate = !owned.has(eventKey) || !outcome.stored.has(eventKey) || seen.has(eventKey);
    seen.add(eventKey);
    return itemOf(index, record, eventKey, duplicate, outcome.decided.get(eventKey));
  });
  return {
    decidedBy: outcome.modelVersion ? `rules and model ${outcome.modelVersion}` : 'rules only: no champion model yet',
    modelVersion: outcome.modelVersion,
    ruleSetVersion: outcome.ruleSetVersion,
    stored: items.filter((i) => !i.duplicate).length,
    duplicates: items.filter((i) => i.duplicate).length,
    anomalies: items.filter((i) => i.decision === 'anomaly').length,
    alertsPending: unique.filter((k) => owned.has(k.eventKey) && pending.has(k.eventKey)).length,
    items,
  };
}

function itemOf(
  index: number,
  record: TradeRecord,
  eventKey: string,
  duplicate: boolean,
  score: StoredScore | undefined,
): IntakeItem {
  if (!score) throw new Error(`trade event ${eventKey} has no score after scoring`);
  return {
    index,
    eventKey,
    uti: record.uti,
    duplicate,
    decision: score.isAnomaly ? 'anomaly' : 'normal',
    score: score.ensembleScore,
    ruleHits: score.ruleHits,
    memberScores: score.memberScores,
    explanation: score.explanation,
    modelVersion: score.modelVersion,
    ruleSetVersion: score.ruleSetVersion,
    ...(score.isAnomaly && { workflowId: anomalyWorkflowId(eventKey) }),
  };
}

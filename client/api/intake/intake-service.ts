import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database, RuleHit } from '../../../schemas/db/database';
import type { TradeRecord } from '../../../schemas/trade/fields';
import type { Logger } from '../../../activities/logging/logger';
import { eventKeyOf } from '../../../activities/ingest/event-key';
import { fromTradeRecord } from '../../../activities/models/features/feature-trade';
import type { RuleSetHolder } from '../../../activities/detection/rules/rule-set-holder';
import type { ChampionHolder } from '../../../activities/detection/scoring/champion-holder';
import type { DecisionSettings } from '../../../activities/detection/scoring/decision-policy';
import type { TradeExplanation } from '../../../activities/detection/scoring/explain-trade';
import { contextMarginMs, loadContextTrades } from '../../../activities/detection/scoring/load-trades';
import { saveScores } from '../../../activities/detection/scoring/score-store';
import { scoreTrades } from '../../../activities/detection/scoring/score-trades';
import { startAnomalyWorkflows } from '../../../activities/detection/start-anomaly-workflows';
import { anomalyWorkflowId } from '../../../schemas/workflow-ids';
import { readScores, type StoredScore } from './read-scores';
import { storeApiTrades } from './store-api-trades';

export interface IntakeDeps {
  db: Kysely<Database>;
  temporal: Client;
  logger: Logger;
  champion: ChampionHolder;
  rules: RuleSetHolder;
  decision: DecisionSettings;
  /** Task queue of anomalyWorkflow (the CPU worker's). */
  workflowTaskQueue: string;
  /** Most stored trades loaded as one request's context. */
  contextLimit: number;
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
 * and not yet batch-scored) among their stored neighbours, records the decisions and starts anomalyWorkflow per new
 * anomaly. A re-post is a duplicate, answered with the decision already recorded.
 */
export async function submitTrades(deps: IntakeDeps, records: readonly TradeRecord[]): Promise<IntakeResult> {
  const keyed = records.map((record) => ({ record, eventKey: eventKeyOf(record) }));
  const unique = [...new Map(keyed.map((k) => [k.eventKey, k])).values()];
  const stored = await storeApiTrades(deps.db, unique);
  const before = await readScores(deps.db, unique);
  const targets = unique.filter((k) => !before.has(k.eventKey)).map((k) => fromTradeRecord(k.record, k.eventKey));
  const [champion, ruleSet] = await Promise.all([deps.champion.get(), deps.rules.get()]);

  let alertsPending = 0;
  if (targets.length > 0) {
    const times = targets.map((t) => t.executionMs);
    const margin = contextMarginMs(ruleSet.rules);
    const context = await loadContextTrades(deps.db, {
      fromMs: Math.min(...times) - margin,
      toMs: Math.max(...times) + margin,
      exclude: new Set(targets.map((t) => t.event_key)),
      limit: deps.contextLimit,
    });
    const scored = await scoreTrades({ targets, context, champion, rules: ruleSet.rules, decision: deps.decision });
    const saved = await saveScores(deps.db, {
      scored,
      trades: targets,
      modelVersion: champion?.version ?? null,
      ruleSetVersion: ruleSet.version,
      scoredBy: 'api',
    });
    try {
      await startAnomalyWorkflows(
        { client: deps.temporal, db: deps.db, taskQueue: deps.workflowTaskQueue },
        saved.newAnomalies,
        'api',
      );
    } catch (error) {
      alertsPending = saved.newAnomalies.length;
      deps.logger.error(
        { err: error, anomalies: alertsPending },
        'anomaly workflows not started; batch detection will',
      );
    }
  }
  const after = await readScores(deps.db, unique);
  const seen = new Set<string>();
  const items = keyed.map(({ record, eventKey }, index): IntakeItem => {
    const duplicate = !stored.has(eventKey) || seen.has(eventKey);
    seen.add(eventKey);
    return itemOf(index, record, eventKey, duplicate, after.get(eventKey));
  });
  return {
    decidedBy: champion ? `rules and model ${champion.version}` : 'rules only: no champion model yet',
    modelVersion: champion?.version ?? null,
    ruleSetVersion: ruleSet.version,
    stored: stored.size,
    duplicates: items.filter((i) => i.duplicate).length,
    anomalies: items.filter((i) => i.decision === 'anomaly').length,
    alertsPending,
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

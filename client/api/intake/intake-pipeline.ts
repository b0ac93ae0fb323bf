import { contextMarginMs } from '../../../activities/detection/scoring/load-trades';
import type { NewAnomaly } from '../../../activities/detection/scoring/score-store';
import { scoreTrades, type ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import { startAnomalyWorkflows } from '../../../activities/detection/start-anomaly-workflows';
import { fromTradeRecord, type FeatureTrade } from '../../../activities/models/features/feature-trade';
import type { ChampionModel } from '../../../activities/detection/scoring/champion-model';
import type { RuleSet } from '../../../schemas/detection/rule-set';
import type { TradeRecord } from '../../../schemas/trade/fields';
import type { IntakeDeps } from './intake-service';
import { readScores, type StoredScore } from './read-scores';
import { ScoringBatcher } from './scoring-batcher';
import { storeScoredBatch } from './store-scored-batch';

/** How long a request waits for Temporal to take its anomalies' workflows. */
const START_DEADLINE_MS = 2000;

export interface KeyedRecord {
  record: TradeRecord;
  eventKey: string;
}

/** What one batch stored and decided, shared by the requests in it. */
export interface ScoringOutcome {
  /** Event keys this batch stored; the others were stored before (duplicates). */
  stored: Set<string>;
  /** The recorded decision of every event of the batch. */
  decided: Map<string, StoredScore>;
  /** Anomalies this batch found. */
  newAnomalies: Set<string>;
  /** Of those, the ones whose workflow could not be started now (batch detection starts them later). */
  pending: Promise<Set<string>>;
  modelVersion: string | null;
  ruleSetVersion: number;
}

/**
 * Real-time scoring of a batch of new trades: the preceding flow as context (in real time the trades after them do
 * not exist yet), rules and champion; then the trades and their decisions stored in ONE statement (one round trip,
 * one commit: see storeScoredBatch), and anomaly workflows started once it has committed.
 */
export function createScoringBatcher(deps: Omit<IntakeDeps, 'batcher'>): ScoringBatcher<KeyedRecord, ScoringOutcome> {
  return new ScoringBatcher(async (batch) => {
    const [champion, ruleSet] = await Promise.all([deps.champion.get(), deps.rules.get()]);
    const modelVersion = champion?.version ?? null;
    const trades = batch.map((k) => fromTradeRecord(k.record, k.eventKey));
    const scored = await scoreBatch(deps, trades, champion, ruleSet);
    const saved = await storeScoredBatch(deps.db, {
      batch,
      scored,
      trades,
      modelVersion,
      ruleSetVersion: ruleSet.version,
    });
    // Committed: the next batch sees these trades in its context.
    deps.context.add(trades.filter((t) => saved.trades.has(t.event_key)));
    const decided = new Map<string, StoredScore>();
    for (const s of scored) {
      if (saved.scores.has(s.eventKey)) decided.set(s.eventKey, storedScoreOf(s, modelVersion, ruleSet.version));
    }
    // Workflow starts wait for Temporal, not for each other: the next batch is scored meanwhile, and only a request
    // with a new anomaly waits for its start (the anomaly row is committed already; a failed start stays marked for
    // batch detection's sweep).
    const started = saved.newAnomalies.length === 0 ? NOTHING_PENDING : startWorkflows(deps, saved.newAnomalies);
    // Scored before (a duplicate, or another process first): the recorded decision stands.
    const missing = batch.filter((k) => !decided.has(k.eventKey));
    for (const [key, score] of await readScores(deps.db, missing)) decided.set(key, score);
    return {
      stored: saved.trades,
      decided,
      newAnomalies: new Set(saved.newAnomalies.map((a) => a.eventKey)),
      pending: started,
      modelVersion,
      ruleSetVersion: ruleSet.version,
    };
  });
}

const NOTHING_PENDING: Promise<Set<string>> = Promise.resolve(new Set());

/** Starts the anomalies' workflows; resolves with the ones that could not be started now (never rejects). */
async function startWorkflows(deps: Omit<IntakeDeps, 'batcher'>, anomalies: NewAnomaly[]): Promise<Set<string>> {
  try {
    await startAnomalyWorkflows(
      // A request does not wait out a Temporal outage: the anomaly stays marked and batch detection starts it.
      { client: deps.temporal, db: deps.db, taskQueue: deps.workflowTaskQueue, deadlineMs: START_DEADLINE_MS },
      anomalies,
      'api',
    );
    return new Set();
  } catch (error) {
    deps.logger.error(
      { err: error, anomalies: anomalies.length },
      'anomaly workflows not started; batch detection will',
    );
    return new Set(anomalies.map((a) => a.eventKey));
  }
}

/** Every trade of the batch scored among the flow before it (duplicates too: the statement keeps their first score). */
async function scoreBatch(
  deps: Omit<IntakeDeps, 'batcher'>,
  targets: FeatureTrade[],
  champion: ChampionModel | null,
  ruleSet: { rules: RuleSet },
): Promise<ScoredTrade[]> {
  const times = targets.map((t) => t.executionMs);
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const closedDays = await deps.calendar.closedDays(first, last);
  const context = await deps.context.trades({
    fromMs: first - contextMarginMs(ruleSet.rules),
    toMs: last,
    exclude: new Set(targets.map((t) => t.event_key)),
    limit: deps.contextLimit,
  });
  return scoreTrades({ targets, context, champion, rules: ruleSet.rules, closedDays, decision: deps.decision });
}

/** The recorded form of a score this request made (what readScores would read back). */
function storedScoreOf(s: ScoredTrade, modelVersion: string | null, ruleSetVersion: number): StoredScore {
  return {
    isAnomaly: s.isAnomaly,
    ensembleScore: s.ensembleScore,
    ruleHits: s.ruleHits,
    memberScores: s.memberScores,
    explanation: s.explanation ?? {},
    modelVersion,
    ruleSetVersion,
  };
}

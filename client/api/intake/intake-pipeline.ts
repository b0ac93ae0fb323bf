import { contextMarginMs } from '../../../activities/detection/scoring/load-trades';
import { saveScores } from '../../../activities/detection/scoring/score-store';
import { scoreTrades, type ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import { startAnomalyWorkflows } from '../../../activities/detection/start-anomaly-workflows';
import { fromTradeRecord } from '../../../activities/models/features/feature-trade';
import type { TradeRecord } from '../../../schemas/trade/fields';
import type { IntakeDeps } from './intake-service';
import { readScores, type StoredScore } from './read-scores';
import { ScoringBatcher } from './scoring-batcher';
import { storeApiTrades } from './store-api-trades';

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
  /** Anomalies whose workflow could not be started (batch detection starts them later). */
  pending: Set<string>;
  modelVersion: string | null;
  ruleSetVersion: number;
}

/**
 * Real-time scoring of a batch of new trades: the preceding flow as context (in real time the trades after them do
 * not exist yet), rules and champion, stored in one statement, anomaly workflows started.
 */
export function createScoringBatcher(deps: Omit<IntakeDeps, 'batcher'>): ScoringBatcher<KeyedRecord, ScoringOutcome> {
  return new ScoringBatcher(async (batch) => {
    const [champion, ruleSet] = await Promise.all([deps.champion.get(), deps.rules.get()]);
    const modelVersion = champion?.version ?? null;
    const stored = await storeApiTrades(deps.db, batch);
    // Only an event stored before (a duplicate) can have a score already: new ones skip the lookup.
    const decided = await readScores(
      deps.db,
      batch.filter((k) => !stored.has(k.eventKey)),
    );
    const targets = batch.filter((k) => !decided.has(k.eventKey)).map((k) => fromTradeRecord(k.record, k.eventKey));
    const pending = new Set<string>();
    if (targets.length > 0) {
      const times = targets.map((t) => t.executionMs);
      const context = await deps.context.trades({
        fromMs: Math.min(...times) - contextMarginMs(ruleSet.rules),
        toMs: Math.max(...times),
        exclude: new Set(targets.map((t) => t.event_key)),
        limit: deps.contextLimit,
      });
      const scored = await scoreTrades({ targets, context, champion, rules: ruleSet.rules, decision: deps.decision });
      deps.context.add(targets.filter((t) => stored.has(t.event_key)));
      const saved = await saveScores(deps.db, {
        scored,
        trades: targets,
        modelVersion,
        ruleSetVersion: ruleSet.version,
        scoredBy: 'api',
      });
      for (const s of scored) {
        if (saved.stored.has(s.eventKey)) decided.set(s.eventKey, storedScoreOf(s, modelVersion, ruleSet.version));
      }
      try {
        await startAnomalyWorkflows(
          // A request does not wait out a Temporal outage: the anomaly stays marked and batch detection starts it.
          { client: deps.temporal, db: deps.db, taskQueue: deps.workflowTaskQueue, deadlineMs: START_DEADLINE_MS },
          saved.newAnomalies,
          'api',
        );
      } catch (error) {
        for (const a of saved.newAnomalies) pending.add(a.eventKey);
        deps.logger.error(
          { err: error, anomalies: pending.size },
          'anomaly workflows not started; batch detection will',
        );
      }
    }
    // Another process may have scored some first: theirs is the recorded decision.
    const missing = batch.filter((k) => !decided.has(k.eventKey));
    for (const [key, score] of await readScores(deps.db, missing)) decided.set(key, score);
    return { stored, decided, pending, modelVersion, ruleSetVersion: ruleSet.version };
  });
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

import { contextMarginMs } from '../../../activities/detection/scoring/load-trades';
import { saveScores } from '../../../activities/detection/scoring/score-store';
import { scoreTrades, type ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import { startAnomalyWorkflows } from '../../../activities/detection/start-anomaly-workflows';
import { fromTradeRecord, type FeatureTrade } from '../../../activities/models/features/feature-trade';
import type { ChampionModel } from '../../../activities/detection/scoring/champion-model';
import type { RuleSet } from '../../../schemas/detection/rule-set';
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
 * not exist yet), rules and champion; trades and decisions stored in ONE transaction, anomaly workflows started
 * after it commits. The trades' insert travels while the batch is scored, and one commit (one WAL flush) per batch
 * instead of two keeps the database's durable writes off most of the request's time.
 */
export function createScoringBatcher(deps: Omit<IntakeDeps, 'batcher'>): ScoringBatcher<KeyedRecord, ScoringOutcome> {
  return new ScoringBatcher(async (batch) => {
    const [champion, ruleSet] = await Promise.all([deps.champion.get(), deps.rules.get()]);
    const modelVersion = champion?.version ?? null;
    const trades = batch.map((k) => fromTradeRecord(k.record, k.eventKey));
    const { stored, decided, fresh, saved } = await deps.db.transaction().execute(async (trx) => {
      const storing = storeApiTrades(trx, batch);
      // One turn of the event loop puts the insert on the wire before scoring takes the CPU.
      await new Promise((resolve) => setImmediate(resolve));
      const [stored, scored] = await Promise.all([storing, scoreBatch(deps, trades, champion, ruleSet)]);
      // Only an event stored before (a duplicate) can have a score already; its first decision stands.
      const decided = await readScores(
        trx,
        batch.filter((k) => !stored.has(k.eventKey)),
      );
      const fresh = scored.flatMap((s, i) => (decided.has(s.eventKey) ? [] : [{ scored: s, trade: trades[i]! }]));
      const saved = await saveScores(trx, {
        scored: fresh.map((f) => f.scored),
        trades: fresh.map((f) => f.trade),
        modelVersion,
        ruleSetVersion: ruleSet.version,
        scoredBy: 'api',
      });
      return { stored, decided, fresh, saved };
    });
    // Committed: the next batch sees these trades in its context.
    deps.context.add(trades.filter((t) => stored.has(t.event_key)));
    for (const { scored: s } of fresh) {
      if (saved.stored.has(s.eventKey)) decided.set(s.eventKey, storedScoreOf(s, modelVersion, ruleSet.version));
    }
    const pending = new Set<string>();
    try {
      await startAnomalyWorkflows(
        // A request does not wait out a Temporal outage: the anomaly stays marked and batch detection starts it.
        { client: deps.temporal, db: deps.db, taskQueue: deps.workflowTaskQueue, deadlineMs: START_DEADLINE_MS },
        saved.newAnomalies,
        'api',
      );
    } catch (error) {
      for (const a of saved.newAnomalies) pending.add(a.eventKey);
      deps.logger.error({ err: error, anomalies: pending.size }, 'anomaly workflows not started; batch detection will');
    }
    // Another process may have scored some first: theirs is the recorded decision.
    const missing = batch.filter((k) => !decided.has(k.eventKey));
    for (const [key, score] of await readScores(deps.db, missing)) decided.set(key, score);
    return { stored, decided, pending, modelVersion, ruleSetVersion: ruleSet.version };
  });
}

/** Every trade of the batch scored among the flow before it (duplicates too: which they are is known later). */
async function scoreBatch(
  deps: Omit<IntakeDeps, 'batcher'>,
  targets: FeatureTrade[],
  champion: ChampionModel | null,
  ruleSet: { rules: RuleSet },
): Promise<ScoredTrade[]> {
  const times = targets.map((t) => t.executionMs);
  const context = await deps.context.trades({
    fromMs: Math.min(...times) - contextMarginMs(ruleSet.rules),
    toMs: Math.max(...times),
    exclude: new Set(targets.map((t) => t.event_key)),
    limit: deps.contextLimit,
  });
  return scoreTrades({ targets, context, champion, rules: ruleSet.rules, decision: deps.decision });
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

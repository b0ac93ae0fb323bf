import { heartbeat } from '@temporalio/activity';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import type { MarketCalendarHolder } from './rules/market-calendar';
import { activeRuleSet } from './rules/rule-set.repository';
import type { ChampionHolder } from './scoring/champion-holder';
import type { DecisionSettings } from './scoring/decision-policy';
import { loadChunkTrades } from './scoring/load-chunk-trades';
import { contextMarginMs } from './scoring/load-trades';
import { saveScores } from './scoring/score-store';
import { scoreTrades } from './scoring/score-trades';

export interface BatchScoringDeps {
  db: Db;
  logger: Logger;
  /** One champion session per worker process, shared by its chunks. */
  champion: ChampionHolder;
  /** Public holidays and closures, for the market-hours rule. */
  calendar: MarketCalendarHolder;
  decision: DecisionSettings;
}

export interface ScoreDetectionChunkInput {
  /** ISO instants: [from, to). */
  from: string;
  to: string;
  fileId?: number;
}

export interface ScoreDetectionChunkResult {
  trades: number;
  /** Scores this attempt stored (a retried chunk finds its trades scored and stores none). */
  scored: number;
  newAnomalies: number;
  modelVersion: string | null;
  ruleSetVersion: number;
}

/** Scores stored per transaction: large enough to be cheap, small enough to keep a statement's arrays modest. */
const SAVE_ROWS = 10_000;

/** Batch scoring on the GPU queue: one chunk of unscored trades, scored among their neighbours and stored. */
export function createBatchScoringActivities(deps: BatchScoringDeps) {
  return {
    async scoreDetectionChunk(input: ScoreDetectionChunkInput): Promise<ScoreDetectionChunkResult> {
      const ruleSet = await activeRuleSet(deps.db.kysely);
      const champion = await deps.champion.get();
      const { targets, context } = await loadChunkTrades(deps.db.kysely, {
        from: new Date(input.from),
        to: new Date(input.to),
        ...(input.fileId !== undefined && { fileId: input.fileId }),
        marginMs: contextMarginMs(ruleSet.rules),
      });
      heartbeat({ phase: 'loaded', trades: targets.length });
      const closedDays = await deps.calendar.closedDays(Date.parse(input.from), Date.parse(input.to));
      const scored = await scoreTrades({
        targets,
        context,
        champion,
        rules: ruleSet.rules,
        closedDays,
        decision: deps.decision,
      });
      heartbeat({ phase: 'scored', trades: targets.length });
      let stored = 0;
      let newAnomalies = 0;
      for (let start = 0; start < scored.length; start += SAVE_ROWS) {
        const saved = await saveScores(deps.db.kysely, {
          scored: scored.slice(start, start + SAVE_ROWS),
          trades: targets.slice(start, start + SAVE_ROWS),
          modelVersion: champion?.version ?? null,
          ruleSetVersion: ruleSet.version,
          scoredBy: 'batch',
        });
        stored += saved.stored.size;
        newAnomalies += saved.newAnomalies.length;
        heartbeat({ phase: 'saving', saved: start + SAVE_ROWS });
      }
      deps.logger.info({ ...input, trades: targets.length, stored, newAnomalies }, 'detection chunk scored');
      return {
        trades: targets.length,
        scored: stored,
        newAnomalies,
        modelVersion: champion?.version ?? null,
        ruleSetVersion: ruleSet.version,
      };
    },
  };
}
export type BatchScoringActivities = ReturnType<typeof createBatchScoringActivities>;

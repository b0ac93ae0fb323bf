import type { RuleHit } from '../../../schemas/db/database';
import type { RuleSet } from '../../../schemas/detection/rule-set';
import type { Matrix } from '../../models/data/matrix';
import { extractFeatures } from '../../models/features/extract-features';
import type { FeatureTrade } from '../../models/features/feature-trade';
import { availableParallelism } from 'node:os';
import { EnsembleWorkerPool } from '../../models/scoring/ensemble-worker';
import { scoreEnsemble, type EnsembleScores } from '../../models/scoring/score-ensemble';
import { evaluateRules } from '../rules/evaluate-rules';
import type { ChampionModel } from './champion-model';
import { decideByVotes } from '../../models/ensemble/ensemble-spec';
import { effectiveSpec, type DecisionSettings } from './decision-policy';
import { explainRow, type TradeExplanation } from './explain-trade';

/** Batches this large run their ONNX on worker threads while the rules run here; real-time requests stay in-thread. */
const WORKER_MIN_ROWS = 20_000;
/** Rows per worker job: the first job starts after this many rows' features, and jobs spread over the threads. */
const WORKER_CHUNK_ROWS = 16_384;
// One thread per core: the main thread's features and rules share the cores with them while they run.
const ensembleWorkers = new EnsembleWorkerPool(Math.min(availableParallelism(), 4));
const modelKeys = new WeakMap<Uint8Array, string>();
let modelCount = 0;

export interface ScoredTrade {
  eventKey: string;
  executionMs: number;
  ruleHits: RuleHit[];
  /** Null when no champion scored it. */
  ensembleScore: number | null;
  memberScores: Record<string, { score: number; vote: boolean }>;
  /** The models' decision under the configured policy; null without a champion. */
  modelsFlagged: boolean | null;
  /** A rule fired or the models flagged it. */
  isAnomaly: boolean;
  /** Present for anomalies scored by a champion. */
  explanation: TradeExplanation | null;
}

export interface ScoreTradesInput {
  targets: readonly FeatureTrade[];
  /** Trades around the targets (not including them): the window their features and rules are measured in. */
  context: readonly FeatureTrade[];
  champion: ChampionModel | null;
  rules: RuleSet;
  /** Weekdays the market is closed (see RuleInput), for the market-hours rule. */
  closedDays?: ReadonlyMap<number, string>;
  decision: DecisionSettings;
  /** Rows per ONNX run (the event loop gets a turn between runs). */
  chunkRows?: number;
}

/**
 * Rule hits, model scores and the decision for each target, in order. Features are computed over context and
 * targets together, so bursts, mirror trades and market levels see the surrounding flow; only the targets' rows are
 * scored. Without a champion the rules alone decide.
 */
export async function scoreTrades(input: ScoreTradesInput): Promise<ScoredTrade[]> {
  const { targets, context, champion } = input;
  const population = context.length === 0 ? targets : [...context, ...targets];
  const rulesFor = () =>
    evaluateRules({
      targets,
      population,
      reference: champion?.reference ?? null,
      rules: input.rules,
      ...(input.closedDays && { closedDays: input.closedDays }),
    });
  if (!champion) {
    const ruleHits = rulesFor();
    return targets.map((t, i) => ({
      eventKey: t.event_key,
      executionMs: t.executionMs,
      ruleHits: ruleHits[i]!,
      ensembleScore: null,
      memberScores: {},
      modelsFlagged: null,
      isAnomaly: ruleHits[i]!.length > 0,
      explanation: null,
    }));
  }
  const offset = population.length - targets.length;
  const spec = effectiveSpec(champion.spec, input.decision);
  // A CUDA session keeps the GPU: only CPU scoring moves to the worker threads.
  const useWorkers = champion.onnx && champion.provider === 'cpu' && targets.length >= WORKER_MIN_ROWS;
  // The targets' feature rows in parts (the last may be shorter), each scored as one job.
  const parts: Matrix[] = [];
  const scoring: Promise<EnsembleScores>[] = [];
  let ruleHits: RuleHit[][];
  if (useWorkers) {
    // Each part's rows go to a worker as soon as their features are ready; the rules run while the threads score.
    for (let from = offset; from < population.length; from += WORKER_CHUNK_ROWS) {
      const part = extractFeatures(population, champion.reference, {
        fromRow: from,
        toRow: from + WORKER_CHUNK_ROWS,
        queries: targets.length,
      });
      parts.push(part);
      scoring.push(scoreOnWorker(champion, part));
    }
    ruleHits = rulesFor();
  } else {
    // Only the targets' rows: the context is measured against, not scored.
    const x = extractFeatures(population, champion.reference, { fromRow: offset });
    parts.push(x);
    ruleHits = rulesFor();
    scoring.push(scoreEnsemble(champion.session, x, input.chunkRows ? { chunkRows: input.chunkRows } : {}));
  }
  // Parts are decided (and their anomalies explained) as their scores arrive, while the threads score the rest. A
  // part failing while an earlier one is awaited is reported when its turn comes, not as an unhandled rejection.
  for (const pending of scoring) pending.catch(() => undefined);
  const out: ScoredTrade[] = [];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const scores = await scoring[p]!;
    for (let r = 0; r < part.rows; r++) {
      const i = out.length;
      const t = targets[i]!;
      const { memberScores, votes } = memberScoresOf(spec.members, scores, r);
      const ensembleScore = scores.score[r]!;
      const modelsFlagged = decideByVotes(spec, votes, ensembleScore);
      const isAnomaly = modelsFlagged || ruleHits[i]!.length > 0;
      out.push({
        eventKey: t.event_key,
        executionMs: t.executionMs,
        ruleHits: ruleHits[i]!,
        ensembleScore,
        memberScores,
        modelsFlagged,
        isAnomaly,
        // Only anomalies are explained: their rows are read where they are, not from a copy of all rows.
        explanation: isAnomaly ? explainRow(champion, part.data.subarray(r * part.cols, (r + 1) * part.cols)) : null,
      });
    }
  }
  return out;
}

/** Row r's member scores and votes (a view per row would be one more object per trade: read in place). */
function memberScoresOf(
  specMembers: readonly { kind: string; threshold: number }[],
  scores: EnsembleScores,
  r: number,
): { memberScores: ScoredTrade['memberScores']; votes: number } {
  const memberScores: ScoredTrade['memberScores'] = {};
  const base = r * scores.memberCount;
  let votes = 0;
  for (let j = 0; j < specMembers.length; j++) {
    const member = specMembers[j]!;
    const score = j < scores.memberCount ? scores.members[base + j]! : Number.NaN;
    const vote = score >= member.threshold;
    if (vote) votes++;
    memberScores[member.kind] = { score, vote };
  }
  return { memberScores, votes };
}

/** A chunk's ensemble scores from a worker thread, or from the session here if the worker failed. */
async function scoreOnWorker(champion: ChampionModel, x: Matrix): Promise<EnsembleScores> {
  const onnx = champion.onnx!;
  let key = modelKeys.get(onnx);
  if (key === undefined) modelKeys.set(onnx, (key = `model-${++modelCount}`));
  try {
    return await ensembleWorkers.score(key, onnx, x);
  } catch {
    return scoreEnsemble(champion.session, x);
  }
}

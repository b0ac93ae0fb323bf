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
import { effectiveSpec, modelsFlag, type DecisionSettings } from './decision-policy';
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
  // A CUDA session keeps the GPU: only CPU scoring moves to the worker threads.
  const useWorkers = champion.onnx && champion.provider === 'cpu' && targets.length >= WORKER_MIN_ROWS;
  // The targets' feature rows, in order, in parts of partRows rows (the last may be shorter).
  let parts: Matrix[];
  let partRows: number;
  let scores: EnsembleScores;
  let ruleHits: RuleHit[][];
  if (useWorkers) {
    // Each chunk's rows go to a worker as soon as their features are ready; the rules run while the threads score.
    parts = [];
    partRows = WORKER_CHUNK_ROWS;
    const scoring: Promise<EnsembleScores>[] = [];
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
    scores = concatScores(await Promise.all(scoring));
  } else {
    // Only the targets' rows: the context is measured against, not scored.
    const x = extractFeatures(population, champion.reference, { fromRow: offset });
    [parts, partRows] = [[x], Math.max(x.rows, 1)];
    ruleHits = rulesFor();
    scores = await scoreEnsemble(champion.session, x, input.chunkRows ? { chunkRows: input.chunkRows } : {});
  }
  // Only anomalies are explained: their rows are read where they are, not from a copy of all rows.
  const featureRow = (i: number) => {
    const part = parts[Math.floor(i / partRows)]!;
    const r = i % partRows;
    return part.data.subarray(r * part.cols, (r + 1) * part.cols);
  };
  const spec = effectiveSpec(champion.spec, input.decision);
  const m = scores.memberCount;
  return targets.map((t, i) => {
    const members = scores.members.subarray(i * m, (i + 1) * m);
    const ensembleScore = scores.score[i]!;
    const modelsFlagged = modelsFlag(spec, members, ensembleScore);
    const isAnomaly = modelsFlagged || ruleHits[i]!.length > 0;
    return {
      eventKey: t.event_key,
      executionMs: t.executionMs,
      ruleHits: ruleHits[i]!,
      ensembleScore,
      memberScores: memberScoresOf(spec.members, members),
      modelsFlagged,
      isAnomaly,
      explanation: isAnomaly ? explainRow(champion, featureRow(i)) : null,
    };
  });
}

function memberScoresOf(
  specMembers: readonly { kind: string; threshold: number }[],
  scores: Float64Array,
): ScoredTrade['memberScores'] {
  const out: ScoredTrade['memberScores'] = {};
  for (let j = 0; j < specMembers.length; j++) {
    const member = specMembers[j]!;
    out[member.kind] = { score: scores[j]!, vote: scores[j]! >= member.threshold };
  }
  return out;
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

function concatScores(parts: readonly EnsembleScores[]): EnsembleScores {
  if (parts.length === 1) return parts[0]!;
  const memberCount = parts[0]?.memberCount ?? 0;
  const rows = parts.reduce((n, p) => n + p.score.length, 0);
  const score = new Float64Array(rows);
  const members = new Float64Array(rows * memberCount);
  let at = 0;
  for (const p of parts) {
    score.set(p.score, at);
    members.set(p.members, at * memberCount);
    at += p.score.length;
  }
  return { score, members, memberCount };
}

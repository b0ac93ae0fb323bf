import type { RuleHit } from '../../../schemas/db/database';
import type { RuleSet } from '../../../schemas/detection/rule-set';
import type { Matrix } from '../../models/data/matrix';
import { extractFeatures } from '../../models/features/extract-features';
import type { FeatureTrade } from '../../models/features/feature-trade';
import { EnsembleWorker } from '../../models/scoring/ensemble-worker';
import { scoreEnsemble, type EnsembleScores } from '../../models/scoring/score-ensemble';
import { evaluateRules } from '../rules/evaluate-rules';
import type { ChampionModel } from './champion-model';
import { effectiveSpec, modelsFlag, type DecisionSettings } from './decision-policy';
import { explainRow, type TradeExplanation } from './explain-trade';

/** Batches this large run their ONNX on a worker thread while the rules run here; real-time requests stay in-thread. */
const WORKER_MIN_ROWS = 20_000;
const ensembleWorker = new EnsembleWorker();
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
    evaluateRules({ targets, population, reference: champion?.reference ?? null, rules: input.rules });
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
  // Only the targets' rows: the context is measured against, not scored.
  const x = extractFeatures(population, champion.reference, { fromRow: population.length - targets.length });
  const chunking = input.chunkRows ? { chunkRows: input.chunkRows } : {};
  // A CUDA session keeps the GPU: only CPU scoring moves to the worker thread.
  const useWorker = champion.onnx && champion.provider === 'cpu' && x.rows >= WORKER_MIN_ROWS;
  const onWorker = useWorker ? scoreOnWorker(champion.onnx!, x) : null;
  const ruleHits = rulesFor();
  const scores = (await onWorker) ?? (await scoreEnsemble(champion.session, x, chunking));
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
      memberScores: Object.fromEntries(
        spec.members.map((member, j) => [member.kind, { score: members[j]!, vote: members[j]! >= member.threshold }]),
      ),
      modelsFlagged,
      isAnomaly,
      explanation: isAnomaly ? explainRow(champion, x.data.subarray(i * x.cols, (i + 1) * x.cols)) : null,
    };
  });
}

/** The ensemble's scores from the worker thread, or null (then the caller scores in-thread) if the worker failed. */
async function scoreOnWorker(onnx: Uint8Array, x: Matrix): Promise<EnsembleScores | null> {
  let key = modelKeys.get(onnx);
  if (key === undefined) modelKeys.set(onnx, (key = `model-${++modelCount}`));
  try {
    return await ensembleWorker.score(key, onnx, x);
  } catch {
    return null;
  }
}

import { chooseThreshold } from '../metrics/choose-threshold';
import { confusionAt } from '../metrics/confusion';
import { fitScoreNormaliser, normaliseScores } from '../metrics/normalise-scores';
import { prAuc, rocAuc } from '../metrics/ranking-metrics';
import type { DecisionPolicy, DetectorKind, DetectorMetrics, EnsembleMember, EnsembleSpec } from './ensemble-spec';

/** One trained detector's raw scores: on its training rows (to fit the normaliser) and on the labelled hold-out. */
export interface DetectorScores {
  kind: DetectorKind;
  trainScores: Float64Array;
  holdoutScores: Float64Array;
}

export interface EnsembleEvaluation {
  spec: EnsembleSpec;
  metrics: Record<DetectorKind | 'ensemble', DetectorMetrics | undefined>;
}

export const DEFAULT_ENSEMBLE_FLOOR = 0.6;
const SHARPNESS = [1, 2, 4, 8, Infinity] as const;

/**
 * Evaluates each detector on the hold-out, names the lowest performer, weights members by how far their ROC AUC
 * is above chance (AUC − 0.5), drops those below `floor` (keeping at least the best), and chooses thresholds that
 * maximise F1 on the hold-out.
 */
export function buildEnsemble(
  detectors: DetectorScores[],
  labels: Uint8Array,
  options: { floor?: number; policy?: DecisionPolicy } = {},
): EnsembleEvaluation {
  if (detectors.length === 0) throw new Error('buildEnsemble: no detectors');
  const floor = options.floor ?? DEFAULT_ENSEMBLE_FLOOR;
  const evaluated = detectors.map((d) => {
    const normaliser = fitScoreNormaliser('robust-z', d.trainScores) as EnsembleMember['normaliser'];
    const holdout = normaliseScores(normaliser, d.holdoutScores);
    return { kind: d.kind, normaliser, holdout, metrics: metricsOf(holdout, labels) };
  });
  const byAuc = [...evaluated].sort((a, b) => a.metrics.rocAuc - b.metrics.rocAuc);
  const lowest = byAuc[0]!;
  const best = byAuc[byAuc.length - 1]!;
  const kept = evaluated.filter((e) => e === best || e.metrics.rocAuc >= floor);
  const dropped = evaluated
    .filter((e) => !kept.includes(e))
    .map((e) => ({
      kind: e.kind,
      reason: `hold-out ROC AUC ${e.metrics.rocAuc.toFixed(4)} is below the floor ${floor}`,
    }));
  // Weights grow with each member's lift over chance, (AUC − 0.5)^p; p is chosen on the hold-out among a few
  // sharpnesses, from an even blend (p = 1) to the best member alone (p = ∞), so blending is used only where it helps.
  const lift = kept.map((e) => Math.max(e.metrics.rocAuc - 0.5, 1e-6));
  const candidates = SHARPNESS.map((p) => {
    const raw = p === Infinity ? lift.map((l) => (l === Math.max(...lift) ? 1 : 0)) : lift.map((l) => l ** p);
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => w / total);
    const holdout = weightedSum(
      kept.map((e) => e.holdout),
      weights,
    );
    return { weights, holdout, auc: rocAuc(holdout, labels) };
  });
  const chosen = candidates.reduce((best, c) => (c.auc > best.auc ? c : best));
  const members: EnsembleMember[] = kept
    .map((e, i) => ({
      kind: e.kind,
      weight: chosen.weights[i]!,
      normaliser: e.normaliser,
      threshold: e.metrics.threshold,
    }))
    .filter((m) => m.weight > 0);
  for (const e of kept) {
    if (!members.some((m) => m.kind === e.kind)) {
      dropped.push({ kind: e.kind, reason: 'weight 0: the hold-out ranks best without it' });
    }
  }
  const ensembleHoldout = chosen.holdout;
  const ensembleMetrics = metricsOf(ensembleHoldout, labels);
  const spec: EnsembleSpec = {
    members,
    dropped,
    lowestPerformer: lowest.kind,
    policy: options.policy ?? 'weighted',
    threshold: ensembleMetrics.threshold,
    floor,
  };
  const metrics = {
    iforest: undefined,
    ocsvm: undefined,
    autoencoder: undefined,
    ensemble: ensembleMetrics,
  } as EnsembleEvaluation['metrics'];
  for (const e of evaluated) metrics[e.kind] = e.metrics;
  return { spec, metrics };
}

export function metricsOf(scores: Float64Array, labels: Uint8Array): DetectorMetrics {
  const best = chooseThreshold(scores, labels, { by: 'f1' });
  const at = confusionAt(scores, labels, best.threshold);
  return {
    rocAuc: rocAuc(scores, labels),
    prAuc: prAuc(scores, labels),
    precision: at.precision,
    recall: at.recall,
    f1: at.f1,
    threshold: best.threshold,
  };
}

export function weightedSum(columns: Float64Array[], weights: number[]): Float64Array {
  const out = new Float64Array(columns[0]?.length ?? 0);
  columns.forEach((column, j) => {
    for (let i = 0; i < out.length; i++) out[i]! += column[i]! * weights[j]!;
  });
  return out;
}

import { checkFinite, type Scores } from './labelled-scores';
import { quantileOfSorted, sortedAscending } from './quantile';

/**
 * A score normaliser fitted on one model's training scores, so an ensemble can add up scores that live on
 * different scales (forest path lengths, SVM margins, reconstruction errors). Plain JSON: store it beside the
 * model version and feed it back to `normaliseScores` unchanged.
 * - `min-max`: (s − min) / (max − min); training scores land in [0, 1], new extremes go beyond it on purpose.
 * - `robust-z`: (s − median) / (1.4826 · MAD), a z-score that a few training outliers cannot stretch.
 * - `rank`: the training scores' empirical CDF (piecewise linear between stored quantiles), in [0, 1].
 */
export type ScoreNormaliser =
  | { kind: 'min-max'; min: number; max: number }
  | { kind: 'robust-z'; median: number; scale: number }
  | { kind: 'rank'; quantiles: number[] };

export type ScoreNormaliserKind = ScoreNormaliser['kind'];

/** 1.4826 · MAD estimates σ for normal data; 1.2533 · mean absolute deviation does too (√(π/2)). */
const MAD_TO_SIGMA = 1.4826;
const MEAN_ABS_DEVIATION_TO_SIGMA = Math.sqrt(Math.PI / 2);
/** 1001 knots keep a rank normaliser within 0.1 % of the exact ECDF and its JSON at a few kilobytes. */
export const DEFAULT_RANK_KNOTS = 1001;

/**
 * Fits a normaliser on training scores. Throws when the scores are constant: such a model cannot rank
 * anything, and the ensemble should drop it rather than divide by zero.
 *
 * @example const n = fitScoreNormaliser('robust-z', trainScores); const z = normaliseScores(n, newScores);
 */
export function fitScoreNormaliser(
  kind: ScoreNormaliserKind,
  trainingScores: Scores,
  options: { rankKnots?: number } = {},
): ScoreNormaliser {
  if (trainingScores.length === 0) throw new Error(`fitScoreNormaliser(${kind}): no training scores`);
  checkFinite(`fitScoreNormaliser(${kind})`, trainingScores);
  const sorted = sortedAscending(trainingScores);
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) throw new Error(`fitScoreNormaliser(${kind}): all ${sorted.length} training scores equal ${min}`);
  switch (kind) {
    case 'min-max':
      return { kind, min, max };
    case 'robust-z':
      return { kind, ...robustCentreAndScale(sorted) };
    case 'rank': {
      const knots = Math.max(2, Math.min(options.rankKnots ?? DEFAULT_RANK_KNOTS, sorted.length));
      const quantiles = Array.from({ length: knots }, (_, k) => quantileOfSorted(sorted, k / (knots - 1)));
      return { kind, quantiles };
    }
  }
}

/** Applies a fitted normaliser; returns a new array. */
export function normaliseScores(normaliser: ScoreNormaliser, scores: Scores): Float64Array {
  checkFinite(`normaliseScores(${normaliser.kind})`, scores);
  const out = new Float64Array(scores.length);
  if (normaliser.kind === 'rank') {
    for (let i = 0; i < out.length; i++) out[i] = empiricalCdf(normaliser.quantiles, scores[i]!);
    return out;
  }
  const { scale, offset } = affineCoefficients(normaliser);
  for (let i = 0; i < out.length; i++) out[i] = scores[i]! * scale + offset;
  return out;
}

/**
 * min-max and robust-z are affine, s · scale + offset: an ensemble graph can apply them with one Mul and one
 * Add. Rank normalisation is not affine.
 */
export function affineCoefficients(normaliser: Exclude<ScoreNormaliser, { kind: 'rank' }>): {
  scale: number;
  offset: number;
} {
  const [centre, spread] =
    normaliser.kind === 'min-max'
      ? [normaliser.min, normaliser.max - normaliser.min]
      : [normaliser.median, normaliser.scale];
  return { scale: 1 / spread, offset: -centre / spread };
}

function robustCentreAndScale(sorted: Float64Array): { median: number; scale: number } {
  const median = quantileOfSorted(sorted, 0.5);
  const deviations = sorted.map((s) => Math.abs(s - median)).sort();
  const mad = quantileOfSorted(deviations, 0.5);
  if (mad > 0) return { median, scale: MAD_TO_SIGMA * mad };
  // More than half the scores sit on the median (common for clipped scores): fall back to the mean deviation.
  const meanDeviation = deviations.reduce((sum, d) => sum + d, 0) / deviations.length;
  return { median, scale: MEAN_ABS_DEVIATION_TO_SIGMA * meanDeviation };
}

/** Share of training scores at or below s, interpolated linearly between knots; 0 below, 1 above. */
function empiricalCdf(quantiles: readonly number[], s: number): number {
  const last = quantiles.length - 1;
  if (s < quantiles[0]!) return 0;
  if (s >= quantiles[last]!) return 1;
  // The last knot <= s; ties among knots resolve to the highest, as a CDF counts every equal score.
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (quantiles[mid]! <= s) low = mid;
    else high = mid;
  }
  const from = quantiles[low]!;
  const to = quantiles[high]!;
  return (low + (s - from) / (to - from)) / last;
}

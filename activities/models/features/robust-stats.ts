import { quantileOfSorted, sortedAscending } from '../metrics/quantile';

/** 1.4826 × MAD estimates a normal distribution's standard deviation. */
const MAD_TO_SD = 1.4826;
/** Values further than this many robust scales from the median are left out of the mean and std. */
const TRIM_SCALES = 5;

export interface RobustLevel {
  median: number;
  /** 1.4826 × median absolute deviation. */
  scale: number;
  count: number;
}

/** Median and MAD-based scale: a handful of off-market quotes moves neither. Values must be non-empty. */
export function robustLevel(values: ArrayLike<number>): RobustLevel {
  const sorted = sortedAscending(values);
  const median = quantileOfSorted(sorted, 0.5);
  const deviations = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) deviations[i] = Math.abs(sorted[i]! - median);
  deviations.sort();
  return { median, scale: MAD_TO_SD * quantileOfSorted(deviations, 0.5), count: sorted.length };
}

export interface MeanStd {
  mean: number;
  std: number;
  count: number;
}

/**
 * Mean and (population) standard deviation of the values within five robust scales of the median: the training
 * week's own fat-finger trades would otherwise widen the yardstick they are measured against. Sums run over the
 * sorted values, so the result does not depend on the order the trades came in, to the last bit.
 */
export function trimmedMeanStd(values: ArrayLike<number>): MeanStd {
  const { median, scale } = robustLevel(values);
  const limit = TRIM_SCALES * scale;
  const kept = sortedAscending(values).filter((v) => Math.abs(v - median) <= limit);
  let sum = 0;
  for (const v of kept) sum += v;
  const mean = sum / kept.length;
  let squares = 0;
  for (const v of kept) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / kept.length), count: kept.length };
}

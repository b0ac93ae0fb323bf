import type { Scores } from './labelled-scores';

/** An ascending Float64Array copy (typed-array sort is numeric, unlike Array#sort). */
export function sortedAscending(values: Scores): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The p-quantile of ascending values with linear interpolation between order statistics — numpy's default
 * ("linear", type 7), so thresholds match what a Python notebook would compute on the same scores.
 */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) throw new Error('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability ${p} is outside [0, 1]`);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below]!;
  const high = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return low + (position - below) * (high - low);
}

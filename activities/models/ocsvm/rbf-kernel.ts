import type { Matrix } from '../data';

/**
 * ‖a − b‖² between a[aOffset…aOffset+d) and b[bOffset…bOffset+d). Summed as differences rather than
 * ‖a‖² + ‖b‖² − 2a·b, which loses digits for close points and would make training and scoring disagree.
 */
export function squaredDistance(
  a: ArrayLike<number>,
  aOffset: number,
  b: ArrayLike<number>,
  bOffset: number,
  d: number,
): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const diff = a[aOffset + k]! - b[bOffset + k]!;
    sum += diff * diff;
  }
  return sum;
}

/**
 * How γ is chosen: a number, 'auto' = 1 / n_features (what the ADBench protocol and scikit-learn before 0.22 used, and
 * a sensible scale once features are MinMax-scaled to [0, 1]), or 'scale' = 1 / (n_features · Var(X)) over every
 * entry of X (scikit-learn's current default, which adapts to unscaled features).
 */
export type GammaOption = number | 'auto' | 'scale';

export function resolveGamma(option: GammaOption, x: Matrix): number {
  if (typeof option === 'number') {
    if (!(option > 0) || !Number.isFinite(option)) throw new Error(`gamma must be a positive number, got ${option}`);
    return option;
  }
  if (option === 'auto') return 1 / x.cols;
  let mean = 0;
  for (const v of x.data) mean += v;
  mean /= x.data.length;
  let variance = 0;
  for (const v of x.data) variance += (v - mean) * (v - mean);
  variance /= x.data.length;
  // scikit-learn falls back to 1.0 for constant data rather than dividing by zero.
  return variance > 0 ? 1 / (x.cols * variance) : 1;
}

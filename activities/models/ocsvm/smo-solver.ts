import type { KernelRows } from './kernel-row-cache';

/** libsvm's TAU: the curvature used when Qᵢᵢ + Qⱼⱼ − 2Qᵢⱼ is not positive (duplicate rows). */
const TAU = 1e-12;

export interface SmoOptions {
  /** Stop when the maximal KKT violation m(α) − M(α) falls below this (libsvm and scikit-learn: 1e-3). */
  readonly tolerance: number;
  /** Safety bound on iterations; libsvm uses max(10⁷, 100·l). */
  readonly maxIterations: number;
}

export interface SmoResult {
  /** αᵢ ∈ [0, 1] with Σαᵢ = ν·l (libsvm's scaling of the one-class dual). */
  readonly alpha: Float64Array;
  /** Gᵢ = (Qα)ᵢ = f(xᵢ) + ρ at the solution. */
  readonly gradient: Float64Array;
  readonly rho: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** ½ αᵀQα. */
  readonly objective: number;
}

/**
 * Solves the one-class SVM dual in libsvm's form: minimise ½ αᵀQα subject to 0 ≤ αᵢ ≤ 1 and Σαᵢ = ν·l, by SMO with
 * libsvm's second-order working-set selection (WSS3, Fan, Chen & Lin 2005). Every label is +1 and the linear term is
 * zero, so this is libsvm's `Solver` with those constants folded in. Shrinking is left out: rows come whole from
 * `KernelRows`, so shrinking would only trim the O(l) scans, which cost less than computing one kernel row.
 */
export function solveOneClassDual(q: KernelRows, nu: number, options: SmoOptions): SmoResult {
  const l = q.size;
  if (!(nu > 0 && nu <= 1)) throw new Error(`nu must be in (0, 1], got ${nu}`);
  const alpha = initialAlpha(l, nu);
  const gradient = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    const a = alpha[i]!;
    if (a === 0) continue;
    const row = q.row(i);
    for (let t = 0; t < l; t++) gradient[t] = gradient[t]! + a * row[t]!;
  }

  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    const pair = selectWorkingSet(q, alpha, gradient, options.tolerance);
    if (!pair) {
      converged = true;
      break;
    }
    updatePair(q, alpha, gradient, pair[0], pair[1]);
    iterations++;
  }
  let objective = 0;
  for (let i = 0; i < l; i++) objective += 0.5 * alpha[i]! * gradient[i]!;
  return { alpha, gradient, rho: computeRho(alpha, gradient), iterations, converged, objective };
}

/** libsvm's feasible start: the first ⌊ν·l⌋ at the bound, the remainder on the next one. */
function initialAlpha(l: number, nu: number): Float64Array {
  const alpha = new Float64Array(l);
  const total = nu * l;
  const full = Math.min(l, Math.floor(total));
  alpha.fill(1, 0, full);
  if (full < l) alpha[full] = total - full;
  return alpha;
}

/**
 * WSS3: i maximises −Gᵢ over αᵢ < 1; j, among αⱼ > 0 with −Gⱼ < −Gᵢ, maximises the second-order decrease
 * (Gᵢ − Gⱼ)² / (Qᵢᵢ + Qⱼⱼ − 2Qᵢⱼ). Returns null when the maximal violation is below tolerance (optimal).
 */
function selectWorkingSet(
  q: KernelRows,
  alpha: Float64Array,
  gradient: Float64Array,
  tolerance: number,
): [number, number] | null {
  const l = alpha.length;
  let gMax = -Infinity;
  let iIndex = -1;
  for (let t = 0; t < l; t++) {
    if (alpha[t]! < 1 && -gradient[t]! >= gMax) {
      gMax = -gradient[t]!;
      iIndex = t;
    }
  }
  if (iIndex < 0) return null;
  const rowI = q.row(iIndex);
  const qii = q.diagonal(iIndex);
  let gMax2 = -Infinity;
  let jIndex = -1;
  let bestDecrease = Infinity;
  for (let t = 0; t < l; t++) {
    if (alpha[t]! <= 0) continue;
    const g = gradient[t]!;
    if (g >= gMax2) gMax2 = g;
    const gradDiff = gMax + g;
    if (gradDiff <= 0) continue;
    const curvature = qii + q.diagonal(t) - 2 * rowI[t]!;
    const decrease = -(gradDiff * gradDiff) / (curvature > 0 ? curvature : TAU);
    if (decrease <= bestDecrease) {
      bestDecrease = decrease;
      jIndex = t;
    }
  }
  if (gMax + gMax2 < tolerance || jIndex < 0) return null;
  return [iIndex, jIndex];
}

/** Moves αᵢ and αⱼ along αᵢ + αⱼ = const to the clipped minimum and updates G for the change. */
function updatePair(q: KernelRows, alpha: Float64Array, gradient: Float64Array, i: number, j: number): void {
  const rowI = q.row(i);
  const rowJ = q.row(j);
  const oldI = alpha[i]!;
  const oldJ = alpha[j]!;
  let curvature = q.diagonal(i) + q.diagonal(j) - 2 * rowI[j]!;
  if (curvature <= 0) curvature = TAU;
  const delta = (gradient[i]! - gradient[j]!) / curvature;
  const sum = oldI + oldJ;
  let newI = oldI - delta;
  let newJ = oldJ + delta;
  // Clip to the box [0, 1]² along the line αᵢ + αⱼ = sum, as libsvm does for equal labels.
  if (sum > 1) {
    if (newI > 1) [newI, newJ] = [1, sum - 1];
    if (newJ > 1) [newJ, newI] = [1, sum - 1];
  } else {
    if (newJ < 0) [newJ, newI] = [0, sum];
    if (newI < 0) [newI, newJ] = [0, sum];
  }
  alpha[i] = newI;
  alpha[j] = newJ;
  const dI = newI - oldI;
  const dJ = newJ - oldJ;
  for (let t = 0; t < alpha.length; t++) {
    gradient[t] = gradient[t]! + rowI[t]! * dI + rowJ[t]! * dJ;
  }
}

/**
 * ρ as libsvm's `calculate_rho` for label +1: the mean of Gᵢ over free αᵢ (all equal at the optimum), or, with no
 * free α, the midpoint of the interval the KKT conditions leave open: max G over α = 1 and min G over α = 0.
 */
export function computeRho(alpha: Float64Array, gradient: Float64Array): number {
  let upper = Infinity;
  let lower = -Infinity;
  let freeCount = 0;
  let freeSum = 0;
  for (let t = 0; t < alpha.length; t++) {
    const a = alpha[t]!;
    const g = gradient[t]!;
    if (a >= 1) lower = Math.max(lower, g);
    else if (a <= 0) upper = Math.min(upper, g);
    else {
      freeCount++;
      freeSum += g;
    }
  }
  if (freeCount > 0) return freeSum / freeCount;
  // ν = 1 puts every α at the bound, leaving the interval open above; libsvm would return infinity.
  if (!Number.isFinite(upper)) return lower;
  if (!Number.isFinite(lower)) return upper;
  return (upper + lower) / 2;
}

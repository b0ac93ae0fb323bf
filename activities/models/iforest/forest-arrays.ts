// The flat, typed-array form of a fitted isolation forest that scoring, explanation and ONNX export share.

/**
 * All trees' nodes in one set of arrays. Tree `t` owns nodes [treeOffsets[t], treeOffsets[t+1]), its root first.
 * An internal node sends a row left when `x[feature] < threshold` (float32, as ONNX's BRANCH_LT compares) and
 * right otherwise; its children sit next to each other: left = `left[i]`, right = `left[i] + 1`.
 * A leaf has feature −1 and `leafValue` = its depth + c(training rows that reached it).
 */
export interface ForestArrays {
  readonly nFeatures: number;
  readonly nTrees: number;
  /** ψ: rows drawn per tree. */
  readonly maxSamples: number;
  readonly maxDepth: number;
  readonly treeOffsets: Uint32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly leafValue: Float64Array;
  /** Training rows (of the tree's sample) that reached each node; explanations weigh splits by it. */
  readonly size: Uint32Array;
}

const EULER_GAMMA = 0.5772156649;

/**
 * c(n): the average path length of an unsuccessful binary-search-tree search among n points (Liu et al. 2008),
 * c(n) = 2H(n−1) − 2(n−1)/n with H(i) ≈ ln(i) + γ; c(2) = 1 and c(n ≤ 1) = 0 as in the 2012 paper and scikit-learn.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** The anomaly score s = 2^(−E[h(x)] / c(ψ)): near 1 anomalous, well below 0.5 normal. */
export function scoreFromPathLength(meanPathLength: number, maxSamples: number): number {
  return Math.pow(2, -meanPathLength / averagePathLength(maxSamples));
}

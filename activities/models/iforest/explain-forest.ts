import type { ForestArrays } from './forest-arrays';

export interface FeatureContribution {
  readonly feature: number;
  /** Column name when names were given. */
  readonly name?: string;
  /** Share of the row's isolation credited to this feature; all shares sum to 1. */
  readonly share: number;
}

/**
 * Path-length contributions: how much each feature did to isolate `row`. Along the row's path in every tree, a
 * split on feature f that sends the row from a node holding n training rows into a child holding m credits f with
 * log2(n / m) — the bits of isolation that split gave. A split that peels the row off alone early earns much; a
 * split that keeps it with most of its sample earns little. Totals are normalised to sum to 1.
 * `row` is compared in float32, as scoring does.
 */
export function featureContributions(f: ForestArrays, row: ArrayLike<number>): Float64Array {
  if (row.length !== f.nFeatures) throw new Error(`row has ${row.length} values, forest expects ${f.nFeatures}`);
  const { feature, threshold, left, treeOffsets } = f;
  const bits = splitBitsOf(f);
  const credit = new Float64Array(f.nFeatures);
  const x = Float32Array.from(row);
  for (let t = 0; t < f.nTrees; t++) {
    let node = treeOffsets[t]!;
    for (let feat = feature[node]!; feat >= 0; feat = feature[node]!) {
      const child = x[feat]! < threshold[node]! ? left[node]! : left[node]! + 1;
      credit[feat]! += bits[child]!;
      node = child;
    }
  }
  const total = credit.reduce((a, b) => a + b, 0);
  if (total > 0) for (let c = 0; c < credit.length; c++) credit[c]! /= total;
  return credit;
}

const SPLIT_BITS = new WeakMap<ForestArrays, Float64Array>();

/**
 * log2(n / m) of every split a row can take, at the child's index (0 at roots): worked out once per forest, since an
 * explanation walks a hundred trees and a batch explains thousands of rows.
 */
function splitBitsOf(f: ForestArrays): Float64Array {
  let bits = SPLIT_BITS.get(f);
  if (bits === undefined) {
    bits = new Float64Array(f.feature.length);
    for (let node = 0; node < f.feature.length; node++) {
      if (f.feature[node]! < 0) continue;
      for (const child of [f.left[node]!, f.left[node]! + 1]) bits[child] = Math.log2(f.size[node]! / f.size[child]!);
    }
    SPLIT_BITS.set(f, bits);
  }
  return bits;
}

/**
 * The `k` features with the largest contributions, largest first (ties by feature index).
 * @example topFeatures(forest, rowOf(x, i), 3, dataset.columns) // [{ feature: 4, name: 'x4', share: 0.41 }, …]
 */
export function topFeatures(
  f: ForestArrays,
  row: ArrayLike<number>,
  k: number,
  names?: readonly string[],
): FeatureContribution[] {
  const shares = featureContributions(f, row);
  return [...shares.keys()]
    .sort((a, b) => shares[b]! - shares[a]! || a - b)
    .slice(0, k)
    .map((feature) => ({
      feature,
      share: shares[feature]!,
      ...(names?.[feature] !== undefined && { name: names[feature] }),
    }));
}

import { averagePathLength, type ForestArrays } from './forest-arrays';

function checkWidth(f: ForestArrays, x: Float32Array): number {
  const rows = x.length / f.nFeatures;
  if (!Number.isInteger(rows)) throw new Error(`input length ${x.length} is not a multiple of ${f.nFeatures} features`);
  return rows;
}

/**
 * E[h(x)] per row: the mean over trees of the leaf's depth + c(leaf size). `x` is float32, row-major, so split
 * comparisons are exactly the ones onnxruntime makes on the exported model.
 */
export function meanPathLengths(f: ForestArrays, x: Float32Array): Float64Array {
  const rows = checkWidth(f, x);
  const out = new Float64Array(rows);
  const { nTrees, treeOffsets, leafValue, nFeatures, feature, threshold, left } = f;
  // Tree-major: one tree's few KB of nodes stay in L1 while every row streams past it.
  for (let t = 0; t < nTrees; t++) {
    const root = treeOffsets[t]!;
    for (let r = 0, base = 0; r < rows; r++, base += nFeatures) {
      let node = root;
      for (let feat = feature[node]!; feat >= 0; feat = feature[node]!) {
        node = x[base + feat]! < threshold[node]! ? left[node]! : left[node]! + 1;
      }
      out[r]! += leafValue[node]!;
    }
  }
  for (let r = 0; r < rows; r++) out[r]! /= nTrees;
  return out;
}

/** Anomaly scores s = 2^(−E[h(x)] / c(ψ)) in (0, 1]; higher is more anomalous (scikit-learn's −score_samples). */
export function anomalyScores(f: ForestArrays, x: Float32Array): Float64Array {
  const h = meanPathLengths(f, x);
  const scale = -1 / averagePathLength(f.maxSamples);
  for (let r = 0; r < h.length; r++) h[r] = Math.pow(2, h[r]! * scale);
  return h;
}

import { createRng, sampleWithoutReplacement, type Rng } from '../data/rng';
import { averagePathLength, type ForestArrays } from './forest-arrays';

export interface GrowOptions {
  readonly nTrees: number;
  readonly maxSamples: number;
  readonly maxDepth: number;
  readonly seed: number;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The smallest float32 above `v` (v a finite float32). */
function nextFloat32Up(v: number): number {
  if (v === 0) return 1.401298464324817e-45;
  f32[0] = v;
  i32[0] = i32[0]! + (v > 0 ? 1 : -1);
  return f32[0]!;
}

/**
 * Grows isolation trees (Liu et al. 2008) on float32 rows `x` (row-major, `cols` wide): per tree, ψ rows drawn
 * without replacement; each node picks a random feature that is not constant in its sample and a split drawn
 * uniformly between that feature's min and max there; growth stops at one row, all-constant rows or `maxDepth`.
 */
export function growForest(x: Float32Array, rows: number, cols: number, options: GrowOptions): ForestArrays {
  const { nTrees, maxSamples, maxDepth } = options;
  const rng = createRng(options.seed);
  const capacity = nTrees * (2 * maxSamples - 1);
  const feature = new Int32Array(capacity);
  const threshold = new Float32Array(capacity);
  const left = new Int32Array(capacity);
  const leafValue = new Float64Array(capacity);
  const size = new Uint32Array(capacity);
  const treeOffsets = new Uint32Array(nTrees + 1);
  const featureOrder = new Int32Array(cols);
  let used = 0;

  const makeLeaf = (node: number, n: number, depth: number) => {
    feature[node] = -1;
    leafValue[node] = depth + averagePathLength(n);
  };

  // idx[start, end) holds the node's sample; partitioned in place like a quicksort step.
  const grow = (idx: Uint32Array, node: number, start: number, end: number, depth: number): void => {
    const n = end - start;
    size[node] = n;
    if (n <= 1 || depth >= maxDepth) return makeLeaf(node, n, depth);
    const split = drawSplit(x, cols, idx, start, end, featureOrder, rng);
    if (split === null) return makeLeaf(node, n, depth);
    let t = Math.fround(split.min + rng.next() * (split.max - split.min));
    if (t <= split.min) t = nextFloat32Up(split.min); // keeps both sides non-empty after float32 rounding
    let mid = start;
    for (let k = start; k < end; k++) {
      const row = idx[k]!;
      if (x[row * cols + split.feature]! < t) {
        idx[k] = idx[mid]!;
        idx[mid++] = row;
      }
    }
    const child = used;
    used += 2;
    feature[node] = split.feature;
    threshold[node] = t;
    left[node] = child;
    grow(idx, child, start, mid, depth + 1);
    grow(idx, child + 1, mid, end, depth + 1);
  };

  for (let tree = 0; tree < nTrees; tree++) {
    treeOffsets[tree] = used;
    const sample = sampleWithoutReplacement(rows, maxSamples, rng);
    const root = used++;
    grow(sample, root, 0, sample.length, 0);
  }
  treeOffsets[nTrees] = used;
  return {
    nFeatures: cols,
    nTrees,
    maxSamples,
    maxDepth,
    treeOffsets,
    feature: feature.slice(0, used),
    threshold: threshold.slice(0, used),
    left: left.slice(0, used),
    leafValue: leafValue.slice(0, used),
    size: size.slice(0, used),
  };
}

/** Draws features in random order until one varies in the node's sample (scikit-learn does the same). */
function drawSplit(
  x: Float32Array,
  cols: number,
  idx: Uint32Array,
  start: number,
  end: number,
  order: Int32Array,
  r: Rng,
): { feature: number; min: number; max: number } | null {
  for (let c = 0; c < cols; c++) order[c] = c;
  for (let k = 0; k < cols; k++) {
    const j = k + r.int(cols - k);
    const f = order[j]!;
    order[j] = order[k]!;
    order[k] = f;
    let min = Infinity;
    let max = -Infinity;
    for (let s = start; s < end; s++) {
      const v = x[idx[s]! * cols + f]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max > min) return { feature: f, min, max };
  }
  return null;
}

import type { ForestArrays } from './forest-arrays';

/** A fitted forest as plain JSON, to store beside its ONNX file (explanations need the trees in TypeScript). */
export interface IsolationForestState {
  readonly kind: 'isolation-forest';
  readonly version: 1;
  readonly nFeatures: number;
  readonly nTrees: number;
  readonly maxSamples: number;
  readonly maxDepth: number;
  readonly treeOffsets: readonly number[];
  readonly feature: readonly number[];
  /** float32 values written as doubles: exact, and read back into a Float32Array unchanged. */
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly leafValue: readonly number[];
  readonly size: readonly number[];
}

export function forestToState(f: ForestArrays): IsolationForestState {
  return {
    kind: 'isolation-forest',
    version: 1,
    nFeatures: f.nFeatures,
    nTrees: f.nTrees,
    maxSamples: f.maxSamples,
    maxDepth: f.maxDepth,
    treeOffsets: [...f.treeOffsets],
    feature: [...f.feature],
    threshold: [...f.threshold],
    left: [...f.left],
    leafValue: [...f.leafValue],
    size: [...f.size],
  };
}

/** Validates parsed JSON and rebuilds the typed arrays; throws on anything that would make scoring unsafe. */
export function forestFromState(json: unknown): ForestArrays {
  const s = json as Partial<IsolationForestState> | null;
  if (s?.kind !== 'isolation-forest' || s.version !== 1) throw new Error('not an isolation forest state (v1)');
  const ints = (name: keyof IsolationForestState) => {
    const v = s[name];
    if (!Array.isArray(v) || !v.every((n) => Number.isFinite(n)))
      throw new Error(`isolation forest state: bad ${name}`);
    return v as number[];
  };
  const nodes = ints('feature').length;
  const arrays = ['threshold', 'left', 'leafValue', 'size'] as const;
  if (arrays.some((k) => ints(k).length !== nodes))
    throw new Error('isolation forest state: node arrays differ in length');
  const nTrees = Number(s.nTrees);
  const offsets = ints('treeOffsets');
  if (offsets.length !== nTrees + 1 || offsets[nTrees] !== nodes)
    throw new Error('isolation forest state: bad treeOffsets');
  const feature = Int32Array.from(ints('feature'));
  const left = Int32Array.from(ints('left'));
  for (let i = 0; i < nodes; i++) {
    const bad = feature[i]! >= Number(s.nFeatures) || (feature[i]! >= 0 && (left[i]! <= i || left[i]! + 1 >= nodes));
    if (bad) throw new Error(`isolation forest state: node ${i} is malformed`);
  }
  return {
    nFeatures: Number(s.nFeatures),
    nTrees,
    maxSamples: Number(s.maxSamples),
    maxDepth: Number(s.maxDepth),
    treeOffsets: Uint32Array.from(offsets),
    feature,
    threshold: Float32Array.from(ints('threshold')),
    left,
    leafValue: Float64Array.from(ints('leafValue')),
    size: Uint32Array.from(ints('size')),
  };
}

import { toFloat32, type Matrix } from '../data/matrix';
import { topFeatures, featureContributions, type FeatureContribution } from './explain-forest';
import type { ForestArrays } from './forest-arrays';
import { forestFromState, forestToState, type IsolationForestState } from './forest-state';
import { growForest } from './grow-forest';
import { exportIsolationForestOnnx, type ExportIsolationForestOptions } from './iforest-onnx';
import { anomalyScores, meanPathLengths } from './score-forest';

export interface IsolationForestOptions {
  /** Default 100. */
  readonly nTrees?: number;
  /** ψ, rows drawn without replacement per tree; clamped to the row count. Default 256. */
  readonly maxSamples?: number;
  /** Default ceil(log2(ψ)), the average height of a tree on ψ points. */
  readonly maxDepth?: number;
  readonly seed: number;
}

/** scikit-learn's IsolationForest defaults, which ADBench uses too. */
export const ISOLATION_FOREST_DEFAULTS = { nTrees: 100, maxSamples: 256 } as const;

type Rows = Matrix | Float32Array;
const asFloat32 = (x: Rows) => (x instanceof Float32Array ? x : toFloat32(x));

/**
 * Isolation Forest (Liu, Ting & Zhou 2008), deterministic by seed. Rows are compared in float32, the precision of
 * the exported ONNX model, so TypeScript and onnxruntime make the same split decisions.
 * @example
 *   const forest = IsolationForest.fit(train.x, { seed: 1 });
 *   const scores = forest.score(test.x);            // higher = more anomalous
 *   const why = forest.topFeatures(rowOf(test.x, 0), 3, test.columns);
 *   const onnx = forest.toOnnx();
 */
export class IsolationForest implements ForestArrays {
  readonly nFeatures: number;
  readonly nTrees: number;
  readonly maxSamples: number;
  readonly maxDepth: number;
  readonly treeOffsets: Uint32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly leafValue: Float64Array;
  readonly size: Uint32Array;

  constructor(arrays: ForestArrays) {
    ({ nFeatures: this.nFeatures, nTrees: this.nTrees, maxSamples: this.maxSamples, maxDepth: this.maxDepth } = arrays);
    ({ treeOffsets: this.treeOffsets, feature: this.feature, threshold: this.threshold } = arrays);
    ({ left: this.left, leafValue: this.leafValue, size: this.size } = arrays);
  }

  static fit(x: Matrix, options: IsolationForestOptions): IsolationForest {
    // c(1) = 0 would make every score 0/0; two rows is the least a forest can isolate anything in.
    if (x.rows < 2) throw new Error(`IsolationForest.fit needs at least 2 rows, got ${x.rows}`);
    const nTrees = options.nTrees ?? ISOLATION_FOREST_DEFAULTS.nTrees;
    const maxSamples = Math.min(options.maxSamples ?? ISOLATION_FOREST_DEFAULTS.maxSamples, x.rows);
    const maxDepth = options.maxDepth ?? Math.ceil(Math.log2(Math.max(maxSamples, 2)));
    const arrays = growForest(toFloat32(x), x.rows, x.cols, { nTrees, maxSamples, maxDepth, seed: options.seed });
    return new IsolationForest(arrays);
  }

  static fromState(json: unknown): IsolationForest {
    return new IsolationForest(forestFromState(json));
  }

  /** Anomaly score per row, 2^(−E[h(x)] / c(ψ)). */
  score(x: Rows): Float64Array {
    return anomalyScores(this, asFloat32(x));
  }

  /** E[h(x)] per row. */
  pathLengths(x: Rows): Float64Array {
    return meanPathLengths(this, asFloat32(x));
  }

  /** Per-feature share of the row's isolation (see `featureContributions`). */
  contributions(row: ArrayLike<number>): Float64Array {
    return featureContributions(this, row);
  }

  topFeatures(row: ArrayLike<number>, k: number, names?: readonly string[]): FeatureContribution[] {
    return topFeatures(this, row, k, names);
  }

  toState(): IsolationForestState {
    return forestToState(this);
  }

  toOnnx(options: ExportIsolationForestOptions = {}): Uint8Array {
    return exportIsolationForestOnnx(this, options);
  }
}

import { GraphBuilder } from '../onnx/graph-builder';
import { averagePathLength, type ForestArrays } from './forest-arrays';

/** ai.onnx.ml 3 has TreeEnsembleRegressor; onnxruntime-node 1.30 runs it (it accepts ml opsets ≤ 4 for this op). */
export const IFOREST_OPSETS = { '': 17, 'ai.onnx.ml': 3 } as const;

export interface IsolationForestNodesOptions {
  /** A float [N, nFeatures] tensor already in the graph. */
  readonly input: string;
  /** Receives the anomaly score, float [N, 1]. */
  readonly output: string;
  /** Also expose E[h(x)] under this name (float [N, 1]). */
  readonly pathLengthOutput?: string;
}

/**
 * Appends the forest to a graph: a TreeEnsembleRegressor whose leaf weights are (depth + c(leaf size)) / nTrees,
 * so its SUM is E[h(x)], then score = exp(E[h(x)] · (−ln 2 / c(ψ))) = 2^(−E[h(x)] / c(ψ)).
 * Splits are BRANCH_LT on the same float32 thresholds the TypeScript scorer uses, so both agree row for row.
 */
export function addIsolationForestNodes(g: GraphBuilder, f: ForestArrays, options: IsolationForestNodesOptions): void {
  const t = treeEnsembleAttributes(f);
  const pathLength = options.pathLengthOutput ?? g.uniqueName(`${options.output}_path_length`);
  g.node('TreeEnsembleRegressor', [options.input], [pathLength], t, { domain: 'ai.onnx.ml' });
  const factor = g.uniqueName(`${options.output}_factor`);
  const exponent = g.uniqueName(`${options.output}_exponent`);
  g.initializer(factor, Float32Array.of(-Math.LN2 / averagePathLength(f.maxSamples)), [1]);
  g.node('Mul', [pathLength, factor], [exponent]);
  g.node('Exp', [exponent], [options.output]);
}

function treeEnsembleAttributes(f: ForestArrays) {
  const nodes = f.feature.length;
  const treeIds = new Int32Array(nodes);
  const nodeIds = new Int32Array(nodes);
  const featureIds = new Int32Array(nodes);
  const modes: string[] = new Array<string>(nodes);
  const trueIds = new Int32Array(nodes);
  const falseIds = new Int32Array(nodes);
  const leafTrees: number[] = [];
  const leafNodes: number[] = [];
  const weights: number[] = [];
  for (let tree = 0; tree < f.nTrees; tree++) {
    const offset = f.treeOffsets[tree]!;
    for (let i = offset; i < f.treeOffsets[tree + 1]!; i++) {
      const leaf = f.feature[i]! < 0;
      treeIds[i] = tree;
      nodeIds[i] = i - offset;
      featureIds[i] = leaf ? 0 : f.feature[i]!;
      modes[i] = leaf ? 'LEAF' : 'BRANCH_LT';
      trueIds[i] = leaf ? 0 : f.left[i]! - offset;
      falseIds[i] = leaf ? 0 : f.left[i]! + 1 - offset;
      if (leaf) {
        leafTrees.push(tree);
        leafNodes.push(i - offset);
        weights.push(f.leafValue[i]! / f.nTrees);
      }
    }
  }
  return {
    n_targets: 1,
    aggregate_function: 'SUM',
    post_transform: 'NONE',
    nodes_treeids: treeIds,
    nodes_nodeids: nodeIds,
    nodes_featureids: featureIds,
    nodes_modes: modes,
    nodes_values: f.threshold.map((v, i) => (f.feature[i]! < 0 ? 0 : v)),
    nodes_truenodeids: trueIds,
    nodes_falsenodeids: falseIds,
    target_treeids: Int32Array.from(leafTrees),
    target_nodeids: Int32Array.from(leafNodes),
    target_ids: new Int32Array(leafTrees.length),
    target_weights: Float32Array.from(weights),
  };
}

export interface ExportIsolationForestOptions {
  readonly inputName?: string;
  readonly outputName?: string;
  readonly modelVersion?: number;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A standalone model: input float "X" [N, nFeatures] → output float "score" [N, 1]. */
export function exportIsolationForestOnnx(f: ForestArrays, options: ExportIsolationForestOptions = {}): Uint8Array {
  const input = options.inputName ?? 'X';
  const output = options.outputName ?? 'score';
  const g = new GraphBuilder('isolation_forest').input(input, [null, f.nFeatures]);
  addIsolationForestNodes(g, f, { input, output });
  g.output(output, [null, 1]);
  return g.toModel({
    opsets: IFOREST_OPSETS,
    docString: `Isolation Forest: ${f.nTrees} trees, ψ=${f.maxSamples}; score = 2^(-E[h(x)]/c(ψ))`,
    ...(options.modelVersion !== undefined && { modelVersion: options.modelVersion }),
    ...(options.metadata !== undefined && { metadata: options.metadata }),
  });
}

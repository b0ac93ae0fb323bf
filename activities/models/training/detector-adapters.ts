import type { Matrix } from '../data/matrix';
import type { AddDetectorNodes } from '../ensemble/export-ensemble-onnx';
import type { DetectorKind } from '../ensemble/ensemble-spec';
import { IsolationForest } from '../iforest/isolation-forest';
import { addIsolationForestNodes } from '../iforest/iforest-onnx';
import { addOneClassSvmScore } from '../ocsvm/export-ocsvm-onnx';
import { fitOneClassSvm } from '../ocsvm/fit-ocsvm';
import { ENSEMBLE_OCSVM_OPTIONS, type OneClassSvmModel } from '../ocsvm/ocsvm-model';
import { anomalyScores as ocsvmScores } from '../ocsvm/score-ocsvm';
import { topFeatures as ocsvmTopFeatures } from '../ocsvm/explain-ocsvm';
import { autoencoderAdapter } from './autoencoder-adapter';

export interface FeatureShare {
  feature: string;
  share: number;
}

/** A trained detector as the pipeline stores it: plain JSON state, scores, and a report for the registry. */
export interface TrainedDetector {
  state: unknown;
  report: Record<string, unknown>;
}

export interface TrainContext {
  seed: number;
  featureNames: readonly string[];
  /** Called during long training (epochs, trees); heartbeats and notices cancellation. */
  progress: (detail: Record<string, unknown>) => Promise<void> | void;
}

/** What the training pipeline needs of each detector, so the three are handled alike. */
export interface DetectorAdapter {
  train(x: Matrix, context: TrainContext): Promise<TrainedDetector>;
  score(state: unknown, x: Matrix): Float64Array;
  addNodes(state: unknown): AddDetectorNodes;
  /** The k features that explain a (scaled) row's score most, with their shares of it in [0, 1]. */
  topFeatures(state: unknown, scaledRow: ArrayLike<number>, k: number, names: readonly string[]): FeatureShare[];
}

const iforest: DetectorAdapter = {
  async train(x, context) {
    const forest = IsolationForest.fit(x, { seed: context.seed });
    await context.progress({ detector: 'iforest', trees: forest.nTrees });
    return {
      state: forest.toState(),
      report: { trees: forest.nTrees, maxSamples: forest.maxSamples, maxDepth: forest.maxDepth },
    };
  },
  score: (state, x) => IsolationForest.fromState(state).score(x),
  addNodes: (state) => (g, input, output) =>
    addIsolationForestNodes(g, IsolationForest.fromState(state), { input, output }),
  topFeatures: (state, row, k, names) =>
    IsolationForest.fromState(state)
      .topFeatures(row, k, names)
      .map((c) => ({ feature: names[c.feature] ?? String(c.feature), share: c.share })),
};

/** Typed arrays do not survive JSON: the stored state keeps them as plain arrays. */
function ocsvmToState(model: OneClassSvmModel): unknown {
  return { ...model, coefficients: Array.from(model.coefficients), supportVectors: Array.from(model.supportVectors) };
}

function ocsvmFromState(state: unknown): OneClassSvmModel {
  const s = state as OneClassSvmModel & { coefficients: number[]; supportVectors: number[] };
  return { ...s, coefficients: Float64Array.from(s.coefficients), supportVectors: Float64Array.from(s.supportVectors) };
}

const ocsvm: DetectorAdapter = {
  async train(x, context) {
    await context.progress({ detector: 'ocsvm', phase: 'solving' });
    const { model, report } = fitOneClassSvm(x, { ...ENSEMBLE_OCSVM_OPTIONS, seed: context.seed });
    return { state: ocsvmToState(model), report: { ...report } };
  },
  score: (state, x) => ocsvmScores(ocsvmFromState(state), x),
  addNodes: (state) => (g, input, output) => addOneClassSvmScore(g, ocsvmFromState(state), input, output),
  topFeatures: (state, row, k, names) =>
    ocsvmTopFeatures(ocsvmFromState(state), row, k).map((c) => ({
      feature: names[c.feature] ?? String(c.feature),
      share: c.share,
    })),
};

export const DETECTOR_ADAPTERS: Record<DetectorKind, DetectorAdapter> = {
  iforest,
  ocsvm,
  autoencoder: autoencoderAdapter,
};

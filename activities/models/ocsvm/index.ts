// One-class SVM (RBF) for trade anomaly scoring: fit in TypeScript, scored here or through its ONNX export.
import type { Matrix } from '../data';
import { featureContributions, topFeatures } from './explain-ocsvm';
import { addOneClassSvmScore, exportOneClassSvmOnnx, type OneClassSvmOnnxOptions } from './export-ocsvm-onnx';
import { fitOneClassSvm, type OneClassSvmFit } from './fit-ocsvm';
import type { FeatureContribution, OneClassSvmModel, OneClassSvmOptions } from './ocsvm-model';
import { anomalyScore, anomalyScores, decisionValue, scoreScale } from './score-ocsvm';

export { DEFAULT_OCSVM_OPTIONS, ENSEMBLE_OCSVM_OPTIONS } from './ocsvm-model';
export type { FeatureContribution, OneClassSvmFitReport, OneClassSvmModel, OneClassSvmOptions } from './ocsvm-model';
export type { GammaOption } from './rbf-kernel';
export { DEFAULT_OCSVM_ONNX_OPTIONS, type OneClassSvmOnnxOptions } from './export-ocsvm-onnx';
export type { OneClassSvmFit } from './fit-ocsvm';
export { solveOneClassDual, type SmoOptions, type SmoResult } from './smo-solver';
export { RbfKernelRows, type KernelRows } from './kernel-row-cache';
export {
  addOneClassSvmScore,
  anomalyScore,
  anomalyScores,
  decisionValue,
  exportOneClassSvmOnnx,
  featureContributions,
  fitOneClassSvm,
  scoreScale,
  topFeatures,
};

/** A fitted model with its operations bound, the shape the training and scoring activities pass around. */
export interface OneClassSvm {
  readonly model: OneClassSvmModel;
  /** Anomaly score −f(x)/(ν·l) of each row; higher is more anomalous. */
  score(x: Matrix): Float64Array;
  scoreRow(row: ArrayLike<number>): number;
  /** The k features that most explain the row's score, for alerts and the review screen. */
  topFeatures(row: ArrayLike<number>, k: number): FeatureContribution[];
  toOnnx(options?: Partial<OneClassSvmOnnxOptions>): Uint8Array;
}

/** Binds a stored or freshly fitted model. */
export function oneClassSvm(model: OneClassSvmModel): OneClassSvm {
  return {
    model,
    score: (x) => anomalyScores(model, x),
    scoreRow: (row) => anomalyScore(model, row),
    topFeatures: (row, k) => topFeatures(model, row, k),
    toOnnx: (options = {}) => exportOneClassSvmOnnx(model, options),
  };
}

/**
 * Fits and binds in one step.
 *
 * @example
 *   const { detector, report } = trainOneClassSvm(scaledTrain, { seed: 7 });
 *   const scores = detector.score(scaledTest);
 *   const why = detector.topFeatures(rowOf(scaledTest, 0), 3);
 */
export function trainOneClassSvm(
  x: Matrix,
  options: Partial<OneClassSvmOptions> = {},
): { readonly detector: OneClassSvm } & OneClassSvmFit {
  const fit = fitOneClassSvm(x, options);
  return { ...fit, detector: oneClassSvm(fit.model) };
}

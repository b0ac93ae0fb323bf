import type { OneClassSvmModel } from './ocsvm-model';
import type { Matrix } from '../data';
import { squaredDistance } from './rbf-kernel';

function checkWidth(model: OneClassSvmModel, width: number): void {
  if (width !== model.nFeatures) throw new Error(`expected ${model.nFeatures} features, got ${width}`);
}

/** Σ αᵢ·K(svᵢ, x) over the support vectors, for x = values[offset … offset + d). */
function kernelSum(model: OneClassSvmModel, values: ArrayLike<number>, offset: number): number {
  const { coefficients, supportVectors, nFeatures: d, gamma } = model;
  let sum = 0;
  for (let i = 0; i < coefficients.length; i++) {
    sum += coefficients[i]! * Math.exp(-gamma * squaredDistance(supportVectors, i * d, values, offset, d));
  }
  return sum;
}

/** libsvm's decision value f(x) = Σ αᵢ K(svᵢ, x) − ρ: positive inside the learned region, negative outside. */
export function decisionValue(model: OneClassSvmModel, row: ArrayLike<number>): number {
  checkWidth(model, row.length);
  return kernelSum(model, row, 0) - model.rho;
}

/**
 * The factor from libsvm's scaling to Schölkopf et al.'s (αᵢ ≤ 1/(ν·l), Σαᵢ = 1), which the anomaly score uses.
 * libsvm-scaled f grows with the number of training rows (Σαᵢ = ν·l), so weekly models fitted on different sample
 * sizes would produce scores on different scales; divided by ν·l, f stays of order one whatever l is. That also
 * keeps the float32 ONNX evaluation within ~1e-6 of float64 in absolute terms.
 */
export function scoreScale(model: OneClassSvmModel): number {
  return 1 / (model.nu * model.trainingRows);
}

/** Anomaly score −f(x)/(ν·l): higher is more anomalous, > 0 outside the learned boundary. */
export function anomalyScore(model: OneClassSvmModel, row: ArrayLike<number>): number {
  return -decisionValue(model, row) * scoreScale(model);
}

/** `anomalyScore` of every row of a row-major matrix. */
export function anomalyScores(model: OneClassSvmModel, x: Matrix): Float64Array {
  checkWidth(model, x.cols);
  const scale = scoreScale(model);
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) out[r] = (model.rho - kernelSum(model, x.data, r * x.cols)) * scale;
  return out;
}

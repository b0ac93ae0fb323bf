import type { Matrix } from '../data';
import { featureName, modelLayout, type AutoencoderModel } from './autoencoder-model';
import { BatchBackprop } from './batch-backprop';

const SCORING_BATCH = 1024;

/**
 * Anomaly score per row: the mean squared reconstruction error over the features. `x` is a Matrix or row-major
 * values (`rows × nFeatures`), scaled as the training data was.
 */
export function reconstructionErrors(model: AutoencoderModel, matrix: Matrix | ArrayLike<number>): Float64Array {
  const x = 'data' in matrix ? matrix.data : matrix;
  const pass = new BatchBackprop(modelLayout(model), SCORING_BATCH);
  // The float32 weights widen exactly; one element type keeps the loops monomorphic with training's.
  const params = Float64Array.from(model.parameters);
  const rows = rowCount(model, x);
  const out = new Float64Array(rows);
  for (let start = 0; start < rows; start += SCORING_BATCH) {
    const end = Math.min(rows, start + SCORING_BATCH);
    pass.loadRange(x, start, end);
    pass.forward(params);
    for (let r = start; r < end; r++) out[r] = pass.rowError(r - start);
  }
  return out;
}

/** Squared reconstruction error of each feature of one row (their mean is the row's score). */
export function featureErrors(model: AutoencoderModel, row: ArrayLike<number>): Float64Array {
  if (row.length !== model.nFeatures) throw new Error(`row has ${row.length} values, expected ${model.nFeatures}`);
  const pass = new BatchBackprop(modelLayout(model), 1);
  pass.loadRange(row, 0, 1);
  pass.forward(Float64Array.from(model.parameters));
  const output = pass.activations[pass.activations.length - 1]!;
  return Float64Array.from(row, (value, j) => (output[j]! - value) ** 2);
}

export interface FeatureContribution {
  readonly feature: string;
  readonly index: number;
  /** Squared reconstruction error of this feature. */
  readonly error: number;
  /** Its share of the row's total error, in [0, 1]. */
  readonly share: number;
}

/**
 * The k features the autoencoder reconstructs worst for one row: the explanation shown with an anomaly.
 *
 * @example topFeatures(model, scaledRow, 3) // [{ feature: 'notional_leg1', error: 0.81, share: 0.9, … }, …]
 */
export function topFeatures(model: AutoencoderModel, row: ArrayLike<number>, k: number): FeatureContribution[] {
  return topFeaturesFromErrors(featureErrors(model, row), k, (j) => featureName(model, j));
}

/**
 * The same ranking from per-feature errors computed elsewhere, e.g. the ONNX file's "feature_errors" output,
 * so the scoring path explains with the very numbers it scored with.
 */
export function topFeaturesFromErrors(
  errors: ArrayLike<number>,
  k: number,
  nameOf: (index: number) => string = (j) => `feature_${j}`,
): FeatureContribution[] {
  let total = 0;
  for (let j = 0; j < errors.length; j++) total += errors[j]!;
  return Array.from({ length: errors.length }, (_, index) => ({
    feature: nameOf(index),
    index,
    error: errors[index]!,
    share: total > 0 ? errors[index]! / total : 0,
  }))
    .sort((a, b) => b.error - a.error || a.index - b.index)
    .slice(0, Math.max(0, k));
}

function rowCount(model: AutoencoderModel, x: ArrayLike<number>): number {
  const rows = x.length / model.nFeatures;
  if (!Number.isInteger(rows)) {
    throw new Error(`input length ${x.length} is not a multiple of the autoencoder's ${model.nFeatures} features`);
  }
  return rows;
}

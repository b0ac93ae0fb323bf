import { layerCount, networkLayout, type NetworkLayout } from './network-layout';

/**
 * A trained autoencoder, plain data. Parameters are float32 — exactly the numbers the ONNX file carries — so the
 * TypeScript scorer and onnxruntime compute from the same weights. Layout as in network-layout: layer l has
 * `sizes[l + 1] × sizes[l]` row-major weights, then its biases; ReLU on hidden layers, linear output.
 */
export interface AutoencoderModel {
  readonly kind: 'autoencoder';
  readonly nFeatures: number;
  readonly hiddenSizes: readonly number[];
  readonly parameters: Float32Array;
  /** Column names, used by explanations; `feature_<j>` when absent. */
  readonly featureNames?: readonly string[];
}

export interface DenseLayer {
  readonly inputSize: number;
  readonly outputSize: number;
  /** `outputSize × inputSize`, row-major. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly activation: 'relu' | 'linear';
}

export function modelLayout(model: AutoencoderModel): NetworkLayout {
  const layout = networkLayout(model.nFeatures, model.hiddenSizes);
  if (layout.parameterCount !== model.parameters.length) {
    throw new Error(`autoencoder has ${model.parameters.length} parameters; its layout needs ${layout.parameterCount}`);
  }
  return layout;
}

/** The layers as views into `model.parameters` (no copies), for the ONNX export. */
export function denseLayers(model: AutoencoderModel): DenseLayer[] {
  const layout = modelLayout(model);
  return Array.from({ length: layerCount(layout) }, (_, l) => {
    const inputSize = layout.sizes[l]!;
    const outputSize = layout.sizes[l + 1]!;
    const start = layout.weightOffsets[l]!;
    return {
      inputSize,
      outputSize,
      weights: model.parameters.subarray(start, start + inputSize * outputSize),
      bias: model.parameters.subarray(start + inputSize * outputSize, start + inputSize * outputSize + outputSize),
      activation: l === layerCount(layout) - 1 ? 'linear' : 'relu',
    };
  });
}

export function featureName(model: AutoencoderModel, j: number): string {
  return model.featureNames?.[j] ?? `feature_${j}`;
}

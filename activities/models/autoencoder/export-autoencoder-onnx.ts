import { addMinMaxScalerNodes, type MinMaxScalerParams } from '../data';
import { GraphBuilder } from '../onnx';
import { denseLayers, featureName, type AutoencoderModel } from './autoencoder-model';

/** Opset 17: ReduceMean still takes `axes` as an attribute; the ensemble graph uses the same opset. */
export const AUTOENCODER_OPSET = 17;
export const AUTOENCODER_ONNX_NAMES = { input: 'X', score: 'score', featureErrors: 'feature_errors' } as const;

/**
 * Appends the autoencoder to a graph: float `input` [N, d] (scaled as in training) → `output` [N, 1], the mean
 * squared reconstruction error of each row. One Gemm (+ Relu) per layer, then Sub, Mul (squaring with Mul rather
 * than Pow keeps it one exact float32 product), ReduceMean over the feature axis. With `featureErrors`, that
 * name also holds the per-feature squared errors [N, d], for explanations.
 */
export function addAutoencoderNodes(
  g: GraphBuilder,
  model: AutoencoderModel,
  input: string,
  output: string,
  options: { featureErrors?: string } = {},
): void {
  let current = input;
  denseLayers(model).forEach((layer, l) => {
    const weights = g.uniqueName(`${output}_ae_w${l}`);
    const bias = g.uniqueName(`${output}_ae_b${l}`);
    g.initializer(weights, layer.weights, [layer.outputSize, layer.inputSize]);
    g.initializer(bias, layer.bias, [layer.outputSize]);
    const linear = g.uniqueName(`${output}_ae_linear${l}`);
    g.node('Gemm', [current, weights, bias], [linear], { transB: 1 }, { name: g.uniqueName(`ae_gemm${l}`) });
    current = linear;
    if (layer.activation === 'relu') {
      const activated = g.uniqueName(`${output}_ae_relu${l}`);
      g.node('Relu', [linear], [activated], {}, { name: g.uniqueName(`ae_relu${l}`) });
      current = activated;
    }
  });
  const difference = g.uniqueName(`${output}_ae_difference`);
  const squared = options.featureErrors ?? g.uniqueName(`${output}_ae_squared`);
  g.node('Sub', [current, input], [difference], {}, { name: g.uniqueName('ae_sub') });
  g.node('Mul', [difference, difference], [squared], {}, { name: g.uniqueName('ae_square') });
  g.node('ReduceMean', [squared], [output], { axes: [1], keepdims: 1 }, { name: g.uniqueName('ae_mean') });
}

/**
 * A standalone ONNX model: float "X" [N, d] → "score" [N, 1] and "feature_errors" [N, d]. Given the scaler, the
 * graph scales raw features itself (and feature errors are in scaled units); without it, X must be scaled.
 * Feature names travel in the metadata (`feature_names`, a JSON array), so explanations need only the file.
 *
 * @example
 *   const session = await openOnnxSession(exportAutoencoderOnnx(model));
 *   const scores = await scoreInChunks(session, float32Rows, model.nFeatures, { outputName: 'score' });
 */
export function exportAutoencoderOnnx(
  model: AutoencoderModel,
  options: { scaler?: MinMaxScalerParams; version?: string } = {},
): Uint8Array {
  const names = AUTOENCODER_ONNX_NAMES;
  const d = model.nFeatures;
  const g = new GraphBuilder(`swap-reporting-autoencoder${options.version ? `-${options.version}` : ''}`);
  g.input(names.input, [null, d]);
  let scaled: string = names.input;
  if (options.scaler) {
    if (options.scaler.min.length !== d) throw new Error(`scaler has ${options.scaler.min.length} columns, model ${d}`);
    scaled = g.uniqueName('X_scaled');
    addMinMaxScalerNodes(g, options.scaler, names.input, scaled);
  }
  addAutoencoderNodes(g, model, scaled, names.score, { featureErrors: names.featureErrors });
  g.output(names.score, [null, 1]);
  g.output(names.featureErrors, [null, d]);
  const featureNames = Array.from({ length: d }, (_, j) => featureName(model, j));
  return g.toModel({
    opsets: { '': AUTOENCODER_OPSET },
    metadata: { model_kind: 'autoencoder', feature_names: JSON.stringify(featureNames) },
    ...(options.version !== undefined && { docString: `autoencoder ${options.version}` }),
  });
}

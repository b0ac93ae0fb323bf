import type { GraphBuilder } from '../onnx/graph-builder';
import type { MinMaxScalerParams } from './minmax-scaler';

/**
 * Appends x' = (x − min) × scale as Sub + Mul on a float [N, d] tensor, so an exported model can take raw
 * features. Float32 arithmetic here can differ from the float64 `applyMinMaxScaler` in the last bit, which can flip
 * a tree split sitting exactly on a value: compare ONNX and TypeScript scores on already-scaled input.
 */
export function addMinMaxScalerNodes(g: GraphBuilder, params: MinMaxScalerParams, input: string, output: string): void {
  const d = params.min.length;
  const min = g.uniqueName(`${output}_min`);
  const scale = g.uniqueName(`${output}_scale`);
  const shifted = g.uniqueName(`${output}_shifted`);
  g.initializer(min, Float32Array.from(params.min), [d]);
  g.initializer(scale, Float32Array.from(params.scale), [d]);
  g.node('Sub', [input, min], [shifted]);
  g.node('Mul', [shifted, scale], [output]);
}

import type { Rng } from '../data';

/**
 * The autoencoder as a stack of dense layers whose parameters live in one flat Float64Array, so the optimiser,
 * the early-stopping snapshot and the gradient are each a single array and a single loop.
 * Layer l maps sizes[l] → sizes[l + 1]: its weights are `out × in` row-major (ONNX Gemm's B with transB = 1),
 * followed by its `out` biases. Hidden layers use ReLU; the output layer is linear, so reconstructions are not
 * clipped at 0 even when the scaled features can go negative on new data.
 */
export interface NetworkLayout {
  /** Layer widths from input to output, e.g. [20, 16, 8, 16, 20]. */
  readonly sizes: readonly number[];
  /** Offset of each layer's weights in the flat parameter array; its biases follow at + in·out. */
  readonly weightOffsets: readonly number[];
  readonly parameterCount: number;
}

export function networkLayout(nFeatures: number, hiddenSizes: readonly number[]): NetworkLayout {
  const sizes = [nFeatures, ...hiddenSizes, nFeatures];
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`autoencoder layer sizes must be positive: ${sizes}`);
  }
  const weightOffsets: number[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    weightOffsets.push(offset);
    offset += sizes[l]! * sizes[l + 1]! + sizes[l + 1]!;
  }
  return { sizes, weightOffsets, parameterCount: offset };
}

export const layerCount = (layout: NetworkLayout): number => layout.sizes.length - 1;

export const isOutputLayer = (layout: NetworkLayout, l: number): boolean => l === layerCount(layout) - 1;

/**
 * Seeded initial parameters: He-normal (σ = √(2 / fan_in)) for ReLU layers, which keeps activations from
 * shrinking or exploding through the stack; Glorot-uniform (±√(6 / (fan_in + fan_out))) for the linear output
 * layer; biases 0. Deterministic given the generator's seed.
 */
export function initialParameters(layout: NetworkLayout, rng: Rng): Float64Array {
  const params = new Float64Array(layout.parameterCount);
  for (let l = 0; l < layerCount(layout); l++) {
    const fanIn = layout.sizes[l]!;
    const fanOut = layout.sizes[l + 1]!;
    const start = layout.weightOffsets[l]!;
    const end = start + fanIn * fanOut;
    if (isOutputLayer(layout, l)) {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = start; i < end; i++) params[i] = (2 * rng.next() - 1) * limit;
    } else {
      const sigma = Math.sqrt(2 / fanIn);
      for (let i = start; i < end; i++) params[i] = rng.normal() * sigma;
    }
  }
  return params;
}

import { isOutputLayer, layerCount, type NetworkLayout } from './network-layout';

/**
 * Per-row forward and backward passes over a flat parameter array (see network-layout). One instance owns the
 * activation and delta buffers for a layout, so the training loop allocates nothing per row.
 * Numbers are float64 throughout: the gradient check needs it, and it costs little next to the loops themselves.
 */
export class Backprop {
  /** activations[0] is the input row; activations[last] the reconstruction. */
  readonly activations: Float64Array[];
  private readonly deltas: Float64Array[];

  constructor(readonly layout: NetworkLayout) {
    this.activations = layout.sizes.map((size) => new Float64Array(size));
    this.deltas = layout.sizes.map((size) => new Float64Array(size));
  }

  /** Reconstructs `x[row·d … row·d + d)` into `activations[last]` and returns its mean squared error. */
  forward(params: ArrayLike<number>, x: ArrayLike<number>, row: number): number {
    const { sizes, weightOffsets } = this.layout;
    const d = sizes[0]!;
    const input = this.activations[0]!;
    for (let j = 0; j < d; j++) input[j] = x[row * d + j]!;
    for (let l = 0; l < layerCount(this.layout); l++) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      const a = this.activations[l]!;
      const z = this.activations[l + 1]!;
      const w = weightOffsets[l]!;
      const b = w + inSize * outSize;
      const relu = !isOutputLayer(this.layout, l);
      for (let o = 0; o < outSize; o++) {
        let sum = params[b + o]!;
        const rowStart = w + o * inSize;
        for (let i = 0; i < inSize; i++) sum += params[rowStart + i]! * a[i]!;
        z[o] = relu && sum < 0 ? 0 : sum;
      }
    }
    const output = this.activations[sizes.length - 1]!;
    let squared = 0;
    for (let j = 0; j < d; j++) {
      const diff = output[j]! - input[j]!;
      squared += diff * diff;
    }
    return squared / d;
  }

  /**
   * After `forward` on the same row, adds `weight ·` ∂(row's mean squared error)/∂params into `gradient`.
   * With weight = 1 / batchSize the batch's sum is the gradient of the batch-mean loss.
   */
  backward(params: ArrayLike<number>, gradient: Float64Array, weight: number): void {
    const { sizes, weightOffsets } = this.layout;
    const last = sizes.length - 1;
    const d = sizes[0]!;
    const output = this.activations[last]!;
    const input = this.activations[0]!;
    const outDelta = this.deltas[last]!;
    // ∂/∂y of (1/d)·Σ(y − x)²; x is a constant target here, not a path for gradient.
    for (let j = 0; j < d; j++) outDelta[j] = (2 * weight * (output[j]! - input[j]!)) / d;
    for (let l = layerCount(this.layout) - 1; l >= 0; l--) {
      const inSize = sizes[l]!;
      const outSize = sizes[l + 1]!;
      const a = this.activations[l]!;
      const delta = this.deltas[l + 1]!;
      const prevDelta = this.deltas[l]!;
      const w = weightOffsets[l]!;
      const b = w + inSize * outSize;
      const propagate = l > 0;
      if (propagate) prevDelta.fill(0);
      for (let o = 0; o < outSize; o++) {
        const dl = delta[o]!;
        if (dl === 0) continue;
        gradient[b + o]! += dl;
        const rowStart = w + o * inSize;
        for (let i = 0; i < inSize; i++) {
          gradient[rowStart + i]! += dl * a[i]!;
          if (propagate) prevDelta[i]! += params[rowStart + i]! * dl;
        }
      }
      // ReLU passes gradient only where its output was positive.
      if (propagate) for (let i = 0; i < inSize; i++) if (a[i]! <= 0) prevDelta[i] = 0;
    }
  }
}

import { accumulateDenseGradient, BLOCK, denseForward, propagateDenseDelta, type DenseSlot } from './dense-kernels';
import { isOutputLayer, layerCount, type NetworkLayout } from './network-layout';

/**
 * Forward and backward passes for a mini-batch over a flat parameter array (see network-layout). One instance
 * owns the activation and delta buffers for up to `capacity` rows, so training allocates nothing per batch.
 * The batch is padded with zero rows to a multiple of four (see dense-kernels); padded rows carry zero gradient
 * and no loss. Float64 throughout: the gradient check needs it, and it costs little next to the loops themselves.
 */
export class BatchBackprop {
  /** activations[0] holds the input rows, activations[last] their reconstructions; `rows × sizes[l]`, row-major. */
  readonly activations: Float64Array[];
  private readonly deltas: Float64Array[];
  private readonly slots: DenseSlot[];
  private rows = 0;

  constructor(
    readonly layout: NetworkLayout,
    readonly capacity: number,
  ) {
    const padded = Math.ceil(Math.max(1, capacity) / BLOCK) * BLOCK;
    this.activations = layout.sizes.map((size) => new Float64Array(padded * size));
    this.deltas = layout.sizes.map((size) => new Float64Array(padded * size));
    this.slots = Array.from({ length: layerCount(layout) }, (_, l) => ({
      inSize: layout.sizes[l]!,
      outSize: layout.sizes[l + 1]!,
      w: layout.weightOffsets[l]!,
    }));
  }

  /** Loads rows `order[start…end)` of row-major `x` as the batch. */
  load(x: Float64Array, order: ArrayLike<number>, start: number, end: number): void {
    const d = this.layout.sizes[0]!;
    const input = this.activations[0]!;
    this.rows = this.checkedRows(end - start);
    for (let k = 0; k < this.rows; k++) {
      const row = order[start + k]!;
      input.set(x.subarray(row * d, row * d + d), k * d);
    }
    input.fill(0, this.rows * d, this.padded() * d);
  }

  /** Loads rows `start…end` of row-major `x` as the batch. */
  loadRange(x: ArrayLike<number>, start: number, end: number): void {
    const d = this.layout.sizes[0]!;
    const input = this.activations[0]!;
    this.rows = this.checkedRows(end - start);
    for (let k = 0; k < this.rows * d; k++) input[k] = x[start * d + k]!;
    input.fill(0, this.rows * d, this.padded() * d);
  }

  /** Reconstructs the loaded batch; returns the sum over its rows of each row's mean squared error. */
  forward(params: Float64Array): number {
    const padded = this.padded();
    this.slots.forEach((slot, l) => {
      const relu = !isOutputLayer(this.layout, l);
      denseForward(params, slot, this.activations[l]!, this.activations[l + 1]!, padded, relu);
    });
    let sum = 0;
    for (let r = 0; r < this.rows; r++) sum += this.rowError(r);
    return sum;
  }

  /** Mean squared reconstruction error of batch row r, after `forward`. */
  rowError(r: number): number {
    const d = this.layout.sizes[0]!;
    const input = this.activations[0]!;
    const output = this.activations[this.activations.length - 1]!;
    let squared = 0;
    for (let j = r * d; j < (r + 1) * d; j++) squared += (output[j]! - input[j]!) ** 2;
    return squared / d;
  }

  /**
   * After `forward`, adds `weight ·` Σ_rows ∂(row's mean squared error)/∂params into `gradient`.
   * With weight = 1 / rows this is the gradient of the batch-mean loss.
   */
  backward(params: Float64Array, gradient: Float64Array, weight: number): void {
    const padded = this.padded();
    const last = this.activations.length - 1;
    const d = this.layout.sizes[0]!;
    const output = this.activations[last]!;
    const input = this.activations[0]!;
    const outDelta = this.deltas[last]!;
    // ∂/∂y of (1/d)·Σ(y − x)²: x is the target, not a path for gradient. Padded rows get zero delta.
    for (let k = 0; k < this.rows * d; k++) outDelta[k] = (2 * weight * (output[k]! - input[k]!)) / d;
    outDelta.fill(0, this.rows * d, padded * d);
    for (let l = this.slots.length - 1; l >= 0; l--) {
      const slot = this.slots[l]!;
      accumulateDenseGradient(gradient, slot, this.activations[l]!, this.deltas[l + 1]!, padded);
      if (l > 0) {
        propagateDenseDelta(params, slot, this.activations[l]!, this.deltas[l + 1]!, this.deltas[l]!, padded);
      }
    }
  }

  private checkedRows(rows: number): number {
    if (rows > this.capacity) throw new Error(`batch of ${rows} rows exceeds capacity ${this.capacity}`);
    return rows;
  }

  private padded(): number {
    return Math.ceil(this.rows / BLOCK) * BLOCK;
  }
}

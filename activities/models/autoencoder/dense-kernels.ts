/**
 * The inner loops of one dense layer over a batch, four rows at a time: each weight is loaded once for four rows,
 * about twice as fast in V8 as row by row. Buffers are row-major `paddedRows × width`; `paddedRows` is a multiple
 * of BLOCK (callers pad with zero rows). Weights at `w` are `outSize × inSize` row-major, biases right after.
 */
export const BLOCK = 4;

export interface DenseSlot {
  readonly inSize: number;
  readonly outSize: number;
  /** Offset of the weights in the flat parameter array. */
  readonly w: number;
}

/** z = a · Wᵀ + b, then ReLU when `relu`. */
export function denseForward(
  params: Float64Array,
  { inSize, outSize, w }: DenseSlot,
  a: Float64Array,
  z: Float64Array,
  paddedRows: number,
  relu: boolean,
): void {
  const b = w + inSize * outSize;
  for (let r = 0; r < paddedRows; r += BLOCK) {
    const a0 = r * inSize;
    const a1 = a0 + inSize;
    const a2 = a1 + inSize;
    const a3 = a2 + inSize;
    for (let o = 0; o < outSize; o++) {
      let s0 = params[b + o]!;
      let s1 = s0;
      let s2 = s0;
      let s3 = s0;
      const wRow = w + o * inSize;
      for (let i = 0; i < inSize; i++) {
        const wi = params[wRow + i]!;
        s0 += wi * a[a0 + i]!;
        s1 += wi * a[a1 + i]!;
        s2 += wi * a[a2 + i]!;
        s3 += wi * a[a3 + i]!;
      }
      const z0 = r * outSize + o;
      z[z0] = relu && s0 < 0 ? 0 : s0;
      z[z0 + outSize] = relu && s1 < 0 ? 0 : s1;
      z[z0 + 2 * outSize] = relu && s2 < 0 ? 0 : s2;
      z[z0 + 3 * outSize] = relu && s3 < 0 ? 0 : s3;
    }
  }
}

/** ∂W += deltaᵀ · a and ∂b += Σ_rows delta. */
export function accumulateDenseGradient(
  gradient: Float64Array,
  { inSize, outSize, w }: DenseSlot,
  a: Float64Array,
  delta: Float64Array,
  paddedRows: number,
): void {
  const b = w + inSize * outSize;
  for (let r = 0; r < paddedRows; r += BLOCK) {
    const a0 = r * inSize;
    const a1 = a0 + inSize;
    const a2 = a1 + inSize;
    const a3 = a2 + inSize;
    for (let o = 0; o < outSize; o++) {
      const d0 = delta[r * outSize + o]!;
      const d1 = delta[(r + 1) * outSize + o]!;
      const d2 = delta[(r + 2) * outSize + o]!;
      const d3 = delta[(r + 3) * outSize + o]!;
      // Dead ReLUs give whole blocks of zero delta; skipping them saves a good share of the work.
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
      gradient[b + o]! += d0 + d1 + d2 + d3;
      const wRow = w + o * inSize;
      for (let i = 0; i < inSize; i++) {
        gradient[wRow + i]! += d0 * a[a0 + i]! + d1 * a[a1 + i]! + d2 * a[a2 + i]! + d3 * a[a3 + i]!;
      }
    }
  }
}

/**
 * prev = (delta · W) ⊙ ReLU′(a), the delta of the layer below: gradient flows back only where that layer's
 * ReLU output `a` was positive.
 */
export function propagateDenseDelta(
  params: Float64Array,
  { inSize, outSize, w }: DenseSlot,
  a: Float64Array,
  delta: Float64Array,
  prev: Float64Array,
  paddedRows: number,
): void {
  prev.fill(0, 0, paddedRows * inSize);
  for (let r = 0; r < paddedRows; r += BLOCK) {
    const p0 = r * inSize;
    const p1 = p0 + inSize;
    const p2 = p1 + inSize;
    const p3 = p2 + inSize;
    for (let o = 0; o < outSize; o++) {
      const d0 = delta[r * outSize + o]!;
      const d1 = delta[(r + 1) * outSize + o]!;
      const d2 = delta[(r + 2) * outSize + o]!;
      const d3 = delta[(r + 3) * outSize + o]!;
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
      const wRow = w + o * inSize;
      for (let i = 0; i < inSize; i++) {
        const wi = params[wRow + i]!;
        prev[p0 + i]! += wi * d0;
        prev[p1 + i]! += wi * d1;
        prev[p2 + i]! += wi * d2;
        prev[p3 + i]! += wi * d3;
      }
    }
  }
  for (let k = 0; k < paddedRows * inSize; k++) if (a[k]! <= 0) prev[k] = 0;
}

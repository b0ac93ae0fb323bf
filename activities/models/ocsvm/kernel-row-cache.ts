import type { Matrix } from '../data';
import { squaredDistance } from './rbf-kernel';

/** What the SMO solver needs from Q: whole rows and the diagonal. */
export interface KernelRows {
  readonly size: number;
  row(i: number): Float32Array;
  diagonal(i: number): number;
}

/** libsvm's default is 100 MB and scikit-learn's 200 MB; 256 MB holds the full Q of ~8,000 rows in float32. */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * RBF kernel rows Q[i][·] = exp(−γ‖xᵢ − x·‖²) of the training matrix, computed on demand and kept in an LRU cache
 * bounded in bytes. Rows are float32, as libsvm's Qfloat: the solver keeps α and the gradient in float64, so the
 * rounding only perturbs each step by ~1e-7, far below the stopping tolerance, and doubles the rows that fit.
 * SMO revisits a small set of rows (the free support vectors) over and over, so a modest cache removes most
 * kernel evaluations; when the whole Q fits, every row is computed once.
 */
export class RbfKernelRows implements KernelRows {
  readonly size: number;
  private readonly cache = new Map<number, Float32Array>();
  private readonly maxRows: number;
  private computedRows = 0;

  constructor(
    private readonly x: Matrix,
    private readonly gamma: number,
    cacheBytes: number = DEFAULT_CACHE_BYTES,
  ) {
    this.size = x.rows;
    // Each SMO step reads rows i and j, and WSS reads row i again next step: below two rows every step recomputes.
    this.maxRows = Math.max(2, Math.floor(cacheBytes / (4 * Math.max(1, x.rows))));
  }

  diagonal(): number {
    return 1;
  }

  row(i: number): Float32Array {
    const hit = this.cache.get(i);
    if (hit) {
      // Re-inserting moves the key to the end of Map's insertion order, which is the LRU order.
      this.cache.delete(i);
      this.cache.set(i, hit);
      return hit;
    }
    if (this.cache.size >= this.maxRows) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.delete(oldest);
    }
    const computed = this.compute(i);
    this.cache.set(i, computed);
    return computed;
  }

  /** Kernel rows computed so far (cache misses), for the fit report. */
  get rowsComputed(): number {
    return this.computedRows;
  }

  private compute(i: number): Float32Array {
    const { data, cols, rows } = this.x;
    const out = new Float32Array(rows);
    const offset = i * cols;
    for (let t = 0; t < rows; t++) {
      out[t] = t === i ? 1 : Math.exp(-this.gamma * squaredDistance(data, offset, data, t * cols, cols));
    }
    this.computedRows++;
    return out;
  }
}

export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** Kingma & Ba's defaults, the ones every framework ships. */
export const DEFAULT_ADAM: Omit<AdamOptions, 'learningRate'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** Adam over one flat parameter array, with bias-corrected first and second moment estimates. */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private step = 0;

  constructor(
    size: number,
    private readonly options: AdamOptions,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Moves `params` against `gradient` in place. */
  update(params: Float64Array, gradient: Float64Array): void {
    const { learningRate, beta1, beta2, epsilon } = this.options;
    this.step++;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    const { m, v } = this;
    for (let i = 0; i < params.length; i++) {
      const g = gradient[i]!;
      const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * g);
      const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * g * g);
      params[i]! -= (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
    }
  }
}

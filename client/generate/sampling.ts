import type { Prng } from './prng';

/** Draws items in proportion to fixed weights (cumulative table + binary search). */
export class WeightedPicker<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('WeightedPicker needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new Error(`weight must be >= 0, got ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedPicker needs a positive total weight');
    this.total = sum;
  }

  pick(rng: Prng): T {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/**
 * Rounds an amount the way a dealer would quote it: to half of its leading power of ten
 * most of the time (15bn, 20bn, 25m), otherwise to a tenth of it (12bn, 34m); never below `minStep`.
 */
export function roundNotional(amount: number, rng: Prng, minStep: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(amount, minStep)));
  const step = Math.max(minStep, rng.chance(0.65) ? magnitude / 2 : magnitude / 10);
  return Math.max(step, Math.round(amount / step) * step);
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Fixed-point text without an exponent or a negative zero ("-0.00000" becomes "0.00000"). */
export function toFixedPlain(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return text.charCodeAt(0) === 45 && /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

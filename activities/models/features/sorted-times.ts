/**
 * Ascending execution times answering "how many lie in [t − w, t + w]". A batch asks in time order (trades are
 * loaded by execution time), so each bound is searched from where the same window's last answer was, by galloping:
 * a few steps per query instead of a binary search over the whole day, which on 200k trades was most of the
 * features' and the concentration rule's time. Queries in any other order get the same answers at binary-search cost.
 */
export class SortedTimes {
  readonly values: Float64Array;
  /** The window width last asked about and its last answers (one phase of work asks with one width). */
  private width = NaN;
  private lower = 0;
  private upper = 0;
  /** Other widths' last answers: [lower, upper]. */
  private readonly otherWidths = new Map<number, Int32Array>();

  /** `times` in any order; copied. */
  constructor(times: Float64Array | readonly number[]) {
    this.values = ascending(times);
  }

  /** How many values lie in [t − w, t + w]. */
  countWithin(t: number, w: number): number {
    if (w !== this.width) this.switchWidth(w);
    this.lower = firstAtLeastFrom(this.values, t - w, false, this.lower);
    this.upper = firstAtLeastFrom(this.values, t + w, true, this.upper);
    return this.upper - this.lower;
  }

  private switchWidth(w: number): void {
    if (!Number.isNaN(this.width)) this.otherWidths.set(this.width, Int32Array.of(this.lower, this.upper));
    const saved = this.otherWidths.get(w);
    [this.width, this.lower, this.upper] = [w, saved?.[0] ?? 0, saved?.[1] ?? 0];
  }
}

function ascending(values: Float64Array | readonly number[]): Float64Array {
  const sorted = values instanceof Float64Array ? values.slice() : new Float64Array(values);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! < sorted[i - 1]!) return sorted.sort();
  return sorted;
}

/**
 * Index of the first value ≥ x (or > x when `strictly`) in ascending `values`, searched from `from`: gallop
 * towards the answer (1, 2, 4, … steps), then binary search the last step. No closures: this runs millions of times.
 */
export function firstAtLeastFrom(values: Float64Array, x: number, strictly: boolean, from: number): number {
  const n = values.length;
  let lo: number;
  let hi: number;
  const start = Math.min(Math.max(from, 0), n);
  if (start < n && before(values[start]!, x, strictly)) {
    // The answer is after start.
    lo = start + 1;
    hi = lo;
    let step = 1;
    while (hi < n && before(values[hi]!, x, strictly)) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, n);
  } else {
    // The answer is start or before it.
    hi = start;
    lo = hi - 1;
    let step = 1;
    while (lo >= 0 && !before(values[lo]!, x, strictly)) {
      hi = lo;
      lo -= step;
      step *= 2;
    }
    lo = Math.max(lo + 1, 0);
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(values[mid]!, x, strictly)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `value` comes before the first value ≥ x (> x when strictly). */
function before(value: number, x: number, strictly: boolean): boolean {
  return value < x || (strictly && value === x);
}

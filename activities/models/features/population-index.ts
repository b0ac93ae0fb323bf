import type { FeatureTrade } from './feature-trade';
import { otherSideOf } from './market-level';
import { robustLevel, type RobustLevel } from './robust-stats';
import { factsOf, type TradeFacts } from './trade-facts';
import { MirrorIndex } from './wash-pairs';

/**
 * The population a batch is judged in (the targets and the trades around them), indexed once for features and rules
 * alike: each trade's facts, the day's quotes per level bucket, mirror-trade groups and times per activity key.
 * Every part is built on first use, so a real-time batch of a few trades among a thousand pays for lookups, not
 * for a featurised copy of its context; a day's batch builds each part once for all its rows.
 */
export class PopulationIndex {
  readonly facts: readonly TradeFacts[];
  readonly times: Float64Array;
  private quotes: Map<string, number[]> | null = null;
  private readonly levels = new Map<string, RobustLevel>();
  private mirrorIndex: MirrorIndex | null = null;
  private mirrorWindowMs = NaN;
  private mirrorMemo: Int32Array | null = null;
  private sortedTimes: Float64Array | null = null;
  private byTrader: Map<string, Float64Array> | null = null;
  private byOtherSide: { reportingEntity: string | null; groups: Map<string, Float64Array> } | null = null;

  constructor(readonly trades: readonly FeatureTrade[]) {
    this.facts = trades.map(factsOf);
    this.times = Float64Array.from(trades, (t) => t.executionMs);
  }

  /** Median and robust scale of the population's quotes under `pricedDayKey` (see TradeFacts), if it has any. */
  dayLevel(pricedDayKey: string): RobustLevel | undefined {
    let level = this.levels.get(pricedDayKey);
    if (level === undefined) {
      this.quotes ??= this.groupQuotes();
      const values = this.quotes.get(pricedDayKey);
      if (values === undefined) return undefined;
      level = robustLevel(values);
      this.levels.set(pricedDayKey, level);
    }
    return level;
  }

  mirrors(): MirrorIndex {
    return (this.mirrorIndex ??= new MirrorIndex(this.trades, this.facts, this.times));
  }

  /** The earliest mirror trade (see MirrorIndex) of the trade at `position` within ±windowMs, or -1; looked up once. */
  mirrorOf(position: number, windowMs: number): number {
    if (this.mirrorWindowMs !== windowMs) {
      this.mirrorWindowMs = windowMs;
      this.mirrorMemo = new Int32Array(this.trades.length).fill(UNKNOWN);
    }
    let j = this.mirrorMemo![position]!;
    if (j === UNKNOWN) {
      j = this.mirrors().firstMirror(this.trades[position]!, this.facts[position]!, windowMs);
      this.mirrorMemo![position] = j;
    }
    return j;
  }

  /** How many of the population were executed within [t − w, t + w]. */
  countWithin(t: number, w: number): number {
    this.sortedTimes ??= ascending(this.times);
    return countIn(this.sortedTimes, t, w);
  }

  /** How many trades of the same trader lie within [t − w, t + w]. */
  traderCountWithin(traderKey: string, t: number, w: number): number {
    this.byTrader ??= this.timesBy((i) => this.facts[i]!.traderKey);
    const times = this.byTrader.get(traderKey);
    return times ? countIn(times, t, w) : 0;
  }

  /** How many trades with `other` as their other side (see otherSideOf) lie within [t − w, t + w]. */
  otherSideCountWithin(reportingEntity: string | null, other: string, t: number, w: number): number {
    if (this.byOtherSide?.reportingEntity !== reportingEntity) {
      const groups = this.timesBy((i) => otherSideOf(this.trades[i]!, reportingEntity));
      this.byOtherSide = { reportingEntity, groups };
    }
    const times = this.byOtherSide.groups.get(other);
    return times ? countIn(times, t, w) : 0;
  }

  private groupQuotes(): Map<string, number[]> {
    const quotes = new Map<string, number[]>();
    for (const f of this.facts) {
      if (f.pricedDayKey === null) continue;
      const list = quotes.get(f.pricedDayKey);
      if (list) list.push(f.level!.value);
      else quotes.set(f.pricedDayKey, [f.level!.value]);
    }
    return quotes;
  }

  /** Each key's execution times, ascending. */
  private timesBy(keyOf: (i: number) => string): Map<string, Float64Array> {
    const lists = new Map<string, number[]>();
    for (let i = 0; i < this.trades.length; i++) {
      const key = keyOf(i);
      const list = lists.get(key);
      if (list) list.push(this.times[i]!);
      else lists.set(key, [this.times[i]!]);
    }
    return new Map([...lists].map(([key, list]) => [key, ascending(list)]));
  }
}

const UNKNOWN = -2;
const indexes = new WeakMap<readonly FeatureTrade[], PopulationIndex>();

/** The index of a population array, built once however many callers (features, each rule) ask for it. */
export function populationIndexOf(trades: readonly FeatureTrade[]): PopulationIndex {
  let index = indexes.get(trades);
  // An array changed since (grown or shrunk) is indexed afresh.
  if (index?.trades.length !== trades.length) {
    index = new PopulationIndex(trades);
    indexes.set(trades, index);
  }
  return index;
}

function ascending(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! < sorted[i - 1]!) return sorted.sort();
  return sorted;
}

/** How many of ascending `times` lie in [t − w, t + w]. */
function countIn(times: Float64Array, t: number, w: number): number {
  return firstAtLeast(times, t + w, true) - firstAtLeast(times, t - w, false);
}

/** Index of the first value ≥ x (or > x when `strictly`). */
function firstAtLeast(values: Float64Array, x: number, strictly: boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x || (strictly && values[mid]! === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

import type { FeatureTrade } from './feature-trade';
import { otherSideOf } from './market-level';
import { robustLevel, type RobustLevel } from './robust-stats';
import { computeFacts, factsOf, type TradeFacts } from './trade-facts';
import { SortedTimes } from './sorted-times';
import { MirrorIndex } from './wash-pairs';

/**
 * The population a batch is judged in (the targets and the trades around them), indexed once for features and rules
 * alike: each trade's facts, the day's quotes per level bucket, mirror-trade groups and times per activity key.
 * Every part is built on first use; a population asked about only a few of its trades (a real-time batch among the
 * thousand before it) is scanned instead: a few passes over an array cost less than building maps of it.
 */
export class PopulationIndex {
  readonly facts: readonly TradeFacts[];
  readonly times: Float64Array;
  /** Few trades asked about: scan instead of building maps. */
  private readonly scan: boolean;
  private quotes: Map<string, number[]> | null = null;
  private readonly levels = new Map<string, RobustLevel>();
  private mirrorIndex: MirrorIndex | null = null;
  private mirrorWindowMs = NaN;
  private mirrorMemo: Int32Array | null = null;
  private sortedTimes: SortedTimes | null = null;
  private byTrader: Map<string, SortedTimes> | null = null;
  private byOtherSide: { reportingEntity: string | null; groups: Map<string, SortedTimes> } | null = null;

  /**
   * @param queries roughly how many trades will be asked about: with few of them (at most 1 in SCAN_RATIO), counts,
   *   levels and mirrors are found by scanning instead of through maps built of the whole population.
   */
  constructor(
    readonly trades: readonly FeatureTrade[],
    queries = trades.length,
  ) {
    // A batch's trades are scored once, here: the per-object memo (for real-time context, seen by request after
    // request) would only add a weak entry per trade for the garbage collector to trace.
    this.facts = trades.map(trades.length >= UNMEMOISED_FACTS ? computeFacts : factsOf);
    this.times = new Float64Array(trades.length);
    for (let i = 0; i < trades.length; i++) this.times[i] = trades[i]!.executionMs;
    this.scan = queries * SCAN_RATIO <= trades.length;
  }

  /** Median and robust scale of the population's quotes under `pricedDayKey` (see TradeFacts), if it has any. */
  dayLevel(pricedDayKey: string): RobustLevel | undefined {
    let level = this.levels.get(pricedDayKey);
    if (level === undefined) {
      const values = this.scan ? this.quotesOf(pricedDayKey) : (this.quotes ??= this.groupQuotes()).get(pricedDayKey);
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
      j = this.scan
        ? this.scanMirror(position, windowMs)
        : this.mirrors().firstMirror(this.trades[position]!, this.facts[position]!, windowMs);
      this.mirrorMemo![position] = j;
    }
    return j;
  }

  /** How many of the population were executed within [t − w, t + w]. */
  countWithin(t: number, w: number): number {
    if (this.scan) return this.scanCount(t, w, () => true);
    this.sortedTimes ??= new SortedTimes(this.times);
    return this.sortedTimes.countWithin(t, w);
  }

  /** How many trades of the same trader lie within [t − w, t + w]. */
  traderCountWithin(traderKey: string, t: number, w: number): number {
    // The scans are methods of their own: a closure here would allocate its context on every call, scan or not.
    if (this.scan) return this.scanTraderCount(traderKey, t, w);
    this.byTrader ??= this.timesBy((i) => this.facts[i]!.traderKey);
    const times = this.byTrader.get(traderKey);
    return times ? times.countWithin(t, w) : 0;
  }

  /** How many trades with `other` as their other side (see otherSideOf) lie within [t − w, t + w]. */
  otherSideCountWithin(reportingEntity: string | null, other: string, t: number, w: number): number {
    if (this.scan) return this.scanOtherSideCount(reportingEntity, other, t, w);
    if (this.byOtherSide?.reportingEntity !== reportingEntity) {
      const groups = this.timesBy((i) => otherSideOf(this.trades[i]!, reportingEntity));
      this.byOtherSide = { reportingEntity, groups };
    }
    const times = this.byOtherSide.groups.get(other);
    return times ? times.countWithin(t, w) : 0;
  }

  private scanTraderCount(traderKey: string, t: number, w: number): number {
    return this.scanCount(t, w, (i) => this.facts[i]!.traderKey === traderKey);
  }

  private scanOtherSideCount(reportingEntity: string | null, other: string, t: number, w: number): number {
    return this.scanCount(t, w, (i) => otherSideOf(this.trades[i]!, reportingEntity) === other);
  }

  private scanCount(t: number, w: number, matches: (i: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.times.length; i++) {
      const time = this.times[i]!;
      if (time >= t - w && time <= t + w && matches(i)) n++;
    }
    return n;
  }

  private quotesOf(pricedDayKey: string): number[] | undefined {
    const values: number[] = [];
    for (const f of this.facts) if (f.pricedDayKey === pricedDayKey) values.push(f.level!.value);
    return values.length > 0 ? values : undefined;
  }

  /** What MirrorIndex.firstMirror finds: the earliest (then first listed) opposite trade within the window. */
  private scanMirror(position: number, windowMs: number): number {
    const trade = this.trades[position]!;
    const f = this.facts[position]!;
    const t = this.times[position]!;
    let best = -1;
    for (let j = 0; j < this.trades.length; j++) {
      const time = this.times[j]!;
      if (time < t - windowMs || time > t + windowMs || (best >= 0 && time >= this.times[best]!)) continue;
      const other = this.trades[j]!;
      const g = this.facts[j]!;
      if (
        other.counterparty_1 === trade.counterparty_2 &&
        other.counterparty_2 === trade.counterparty_1 &&
        other.product === trade.product &&
        other.notional_leg1 === trade.notional_leg1 &&
        other.notional_currency_leg1 === trade.notional_currency_leg1 &&
        g.level?.field === f.level?.field &&
        g.level?.value === f.level?.value
      )
        best = j;
    }
    return best;
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
  private timesBy(keyOf: (i: number) => string): Map<string, SortedTimes> {
    const lists = new Map<string, number[]>();
    for (let i = 0; i < this.trades.length; i++) {
      const key = keyOf(i);
      const list = lists.get(key);
      if (list) list.push(this.times[i]!);
      else lists.set(key, [this.times[i]!]);
    }
    return new Map([...lists].map(([key, list]) => [key, new SortedTimes(list)]));
  }
}

const UNKNOWN = -2;
/** Populations this large are batches (real-time context stays well below it). */
const UNMEMOISED_FACTS = 50_000;
/** Scanning pays while the trades asked about are at most one in this many. */
const SCAN_RATIO = 32;
const indexes = new WeakMap<readonly FeatureTrade[], PopulationIndex>();

/**
 * The index of a population array, built once however many callers (features, each rule) ask for it; `queries`
 * (see PopulationIndex) counts only for the first caller.
 */
export function populationIndexOf(trades: readonly FeatureTrade[], queries?: number): PopulationIndex {
  let index = indexes.get(trades);
  // An array changed since (grown or shrunk) is indexed afresh.
  if (index?.trades.length !== trades.length) {
    index = new PopulationIndex(trades, queries);
    indexes.set(trades, index);
  }
  return index;
}

import type { FeatureTrade } from './feature-trade';
import type { MarketLevel } from './market-level';

/**
 * Trades grouped by counterparties, product, notional and currency, each group sorted by time, so a trade's mirror
 * (the same economics with the counterparties swapped) is a map lookup and a binary search. The quote is compared
 * as a number inside the group: formatting float quotes into string keys was the costliest step of a batch.
 */
export class MirrorIndex {
  private readonly groups = new Map<string, number[]>();
  private readonly times: Float64Array;

  constructor(
    private readonly trades: readonly FeatureTrade[],
    private readonly levels: readonly (MarketLevel | null)[],
  ) {
    this.times = Float64Array.from(trades, (t) => t.executionMs);
    trades.forEach((t, i) => {
      const key = groupKey(t, t.counterparty_1, t.counterparty_2);
      const group = this.groups.get(key);
      if (group) group.push(i);
      else this.groups.set(key, [i]);
    });
    const times = this.times;
    // A batch arrives in execution order, so groups are usually sorted already.
    for (const group of this.groups.values()) {
      if (!isAscending(group, times)) group.sort((a, b) => times[a]! - times[b]!);
    }
  }

  /**
   * Index of the earliest trade within ±windowMs of `trade` with its counterparties swapped and the same product,
   * notional, currency and quote, skipping those `skip` rejects; -1 when there is none.
   */
  firstMirror(trade: FeatureTrade, level: MarketLevel | null, windowMs: number, skip?: (j: number) => boolean): number {
    const group = this.groups.get(groupKey(trade, trade.counterparty_2, trade.counterparty_1));
    if (!group) return -1;
    const t = trade.executionMs;
    for (let k = lowerBound(group, this.times, t - windowMs); k < group.length; k++) {
      const j = group[k]!;
      if (this.times[j]! > t + windowMs) break;
      const other = this.levels[j] ?? null;
      if (other?.field === level?.field && other?.value === level?.value && !skip?.(j)) return j;
    }
    return -1;
  }
}

/** Counterparty identifiers are LEIs or client codes, neither of which can contain a '|'. */
function groupKey(t: FeatureTrade, first: string, second: string): string {
  return `${first}|${second}|${t.product}|${t.notional_currency_leg1}|${t.notional_leg1}`;
}

function isAscending(group: readonly number[], times: Float64Array): boolean {
  for (let k = 1; k < group.length; k++) if (times[group[k]!]! < times[group[k - 1]!]!) return false;
  return true;
}

/**
 * The index of a batch, built once however many callers ask: the wash feature and the wash rule both look up
 * mirrors in the same population array when a batch is scored.
 */
const indexes = new WeakMap<readonly FeatureTrade[], { levels: readonly (MarketLevel | null)[]; index: MirrorIndex }>();

export function mirrorIndexOf(trades: readonly FeatureTrade[], levels: readonly (MarketLevel | null)[]): MirrorIndex {
  const cached = indexes.get(trades);
  if (cached?.levels === levels && levels.length === trades.length) return cached.index;
  const index = new MirrorIndex(trades, levels);
  indexes.set(trades, { levels, index });
  return index;
}

/** Position of the first of `group` (indices ascending by `times`) at or after `from`. */
function lowerBound(group: readonly number[], times: Float64Array, from: number): number {
  let lo = 0;
  let hi = group.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[group[mid]!]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * 1 for self-dealing (counterparty_1 = counterparty_2) or when a mirror trade lies within ±windowMs: the same
 * product, notional and quoted level with the counterparties swapped, i.e. the same risk straight back. 0 otherwise.
 * `levels[i]` is trade i's market level (see `marketLevelOf`).
 */
export function washIndicators(
  trades: readonly FeatureTrade[],
  levels: readonly (MarketLevel | null)[],
  windowMs: number,
): Float64Array {
  const index = mirrorIndexOf(trades, levels);
  return Float64Array.from(trades, (t, i) => {
    if (t.counterparty_1 === t.counterparty_2) return 1;
    return index.firstMirror(t, levels[i] ?? null, windowMs) >= 0 ? 1 : 0;
  });
}

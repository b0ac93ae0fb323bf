import type { FeatureTrade } from './feature-trade';
import type { TradeFacts } from './trade-facts';

/** Counterparty ids stay below this, so a pair of them is one exact number. */
const MAX_NAMES = 2 ** 26;

/**
 * Trades grouped by their (counterparty_1, counterparty_2) pair, each group sorted by time, so a trade's mirror
 * (the same product, notional, currency and quote with the counterparties swapped) is a lookup of the swapped pair
 * and a binary search; most trades' swapped pair never trades at all. Names are numbered once per index: numbers
 * hash faster than the long composite strings a group key would need.
 */
export class MirrorIndex {
  private readonly names = new Map<string, number>();
  private readonly groups = new Map<number, number[]>();

  constructor(
    private readonly trades: readonly FeatureTrade[],
    private readonly facts: readonly TradeFacts[],
    private readonly times: Float64Array,
  ) {
    trades.forEach((t, i) => {
      const key = this.pairOf(t.counterparty_1, t.counterparty_2, true)!;
      const group = this.groups.get(key);
      if (group) group.push(i);
      else this.groups.set(key, [i]);
    });
    // A batch arrives in execution order, so groups are usually sorted already.
    for (const group of this.groups.values()) {
      if (group.length > 1 && !isAscending(group, times)) group.sort((a, b) => times[a]! - times[b]!);
    }
  }

  /**
   * Index of the earliest trade within ±windowMs of `trade` with its counterparties swapped and the same product,
   * notional, currency and quote; -1 when there is none.
   */
  firstMirror(trade: FeatureTrade, facts: TradeFacts, windowMs: number): number {
    const key = this.pairOf(trade.counterparty_2, trade.counterparty_1, false);
    const group = key === null ? undefined : this.groups.get(key);
    if (!group) return -1;
    const t = trade.executionMs;
    const level = facts.level;
    for (let k = lowerBound(group, this.times, t - windowMs); k < group.length; k++) {
      const j = group[k]!;
      if (this.times[j]! > t + windowMs) break;
      const other = this.trades[j]!;
      const otherLevel = this.facts[j]!.level;
      if (
        other.product === trade.product &&
        other.notional_leg1 === trade.notional_leg1 &&
        other.notional_currency_leg1 === trade.notional_currency_leg1 &&
        otherLevel?.field === level?.field &&
        otherLevel?.value === level?.value
      )
        return j;
    }
    return -1;
  }

  /** The pair's number; null for a name never seen (unless `add`). */
  private pairOf(first: string, second: string, add: boolean): number | null {
    const a = this.nameId(first, add);
    const b = this.nameId(second, add);
    return a === null || b === null ? null : a * MAX_NAMES + b;
  }

  private nameId(name: string, add: boolean): number | null {
    let id = this.names.get(name);
    if (id === undefined) {
      if (!add) return null;
      if (this.names.size >= MAX_NAMES) throw new Error('MirrorIndex: too many distinct counterparties');
      this.names.set(name, (id = this.names.size));
    }
    return id;
  }
}

function isAscending(group: readonly number[], times: Float64Array): boolean {
  for (let k = 1; k < group.length; k++) if (times[group[k]!]! < times[group[k - 1]!]!) return false;
  return true;
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

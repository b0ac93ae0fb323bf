import type { FeatureTrade } from './feature-trade';
import type { TradeFacts } from './trade-facts';

/**
 * Trades grouped by both counterparties, product, notional and currency (a trade and its mirror share a group),
 * each group sorted by time, so a trade's mirror (the same economics with the counterparties swapped) is a map
 * lookup and a binary search. The quote is compared as a number inside the group: formatting float quotes into
 * string keys was the costliest step of a batch.
 */
export class MirrorIndex {
  /** Per group, the trades in each orientation: counterparty_1 sorting first, and the others. */
  private readonly groups = new Map<string, { forward: number[]; backward: number[] }>();

  constructor(
    private readonly trades: readonly FeatureTrade[],
    private readonly facts: readonly TradeFacts[],
    private readonly times: Float64Array,
  ) {
    facts.forEach((f, i) => {
      let group = this.groups.get(f.mirrorGroup);
      if (!group) this.groups.set(f.mirrorGroup, (group = { forward: [], backward: [] }));
      (isForward(trades[i]!) ? group.forward : group.backward).push(i);
    });
    // A batch arrives in execution order, so groups are usually sorted already.
    for (const { forward, backward } of this.groups.values()) {
      for (const list of [forward, backward]) {
        if (list.length > 1 && !isAscending(list, times)) list.sort((a, b) => times[a]! - times[b]!);
      }
    }
  }

  /**
   * Index of the earliest trade within ±windowMs of `trade` with its counterparties swapped and the same product,
   * notional, currency and quote; -1 when there is none.
   */
  firstMirror(trade: FeatureTrade, facts: TradeFacts, windowMs: number): number {
    const groups = this.groups.get(facts.mirrorGroup);
    if (!groups) return -1;
    // The mirror has its counterparties the other way round.
    const group = isForward(trade) ? groups.backward : groups.forward;
    const t = trade.executionMs;
    const level = facts.level;
    for (let k = lowerBound(group, this.times, t - windowMs); k < group.length; k++) {
      const j = group[k]!;
      if (this.times[j]! > t + windowMs) break;
      const otherLevel = this.facts[j]!.level;
      if (otherLevel?.field === level?.field && otherLevel?.value === level?.value) return j;
    }
    return -1;
  }
}

function isForward(trade: FeatureTrade): boolean {
  return trade.counterparty_1 < trade.counterparty_2;
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

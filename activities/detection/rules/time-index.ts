/**
 * Event times grouped by a key and sorted, so "how many of key k lie within ±w of t" is two binary searches. Built
 * once per population; a batch of a million trades costs a sort, not a scan per trade.
 */
export class TimeIndex<T> {
  private readonly groups = new Map<string, { times: number[]; items: T[] }>();

  constructor(items: readonly T[], keyOf: (item: T) => string, timeOf: (item: T) => number) {
    // Keys and times are computed once per item; groups sort item indices by a typed array of times.
    const allTimes = Float64Array.from(items, timeOf);
    const raw = new Map<string, number[]>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      const group = raw.get(key);
      if (group) group.push(i);
      else raw.set(key, [i]);
    });
    for (const [key, group] of raw) {
      group.sort((a, b) => allTimes[a]! - allTimes[b]!);
      this.groups.set(key, { times: group.map((i) => allTimes[i]!), items: group.map((i) => items[i]!) });
    }
  }

  /** How many items of `key` have a time in [t − w, t + w]. */
  countWithin(key: string, t: number, w: number): number {
    const group = this.groups.get(key);
    if (!group) return 0;
    return lowerBound(group.times, t + w + 1e-9) - lowerBound(group.times, t - w);
  }

  /** The items of `key` with a time in [t − w, t + w], earliest first. */
  itemsWithin(key: string, t: number, w: number): T[] {
    const group = this.groups.get(key);
    if (!group) return [];
    return group.items.slice(lowerBound(group.times, t - w), lowerBound(group.times, t + w + 1e-9));
  }
}

/** Index of the first value ≥ x in ascending `values`. */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

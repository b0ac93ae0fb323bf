import { MS_PER_MINUTE } from './trade-calendar';

/** Half-width of the window a counterparty's or trader's burst is counted in. */
export const ACTIVITY_WINDOW_MS = 10 * MS_PER_MINUTE;

/**
 * For each event, how many events with the same key lie within ±windowMs of it, itself included. Sorts each key's
 * times once and slides two pointers, so a day of a million events costs a sort, not a scan per event.
 */
export function windowCounts(times: Float64Array, keys: readonly string[], windowMs: number): Float64Array {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const counts = new Float64Array(times.length);
  for (const group of groups.values()) {
    group.sort((a, b) => times[a]! - times[b]! || a - b);
    let low = 0;
    let high = 0;
    for (const i of group) {
      const t = times[i]!;
      while (times[group[low]!]! < t - windowMs) low++;
      while (high < group.length && times[group[high]!]! <= t + windowMs) high++;
      counts[i] = high - low;
    }
  }
  return counts;
}

/**
 * How far a name's activity around an event exceeds what its usual share predicts: ln((n + 1) / (share · all + 1)),
 * with n the name's other events and `all` every other event in the same window. Measuring against the window's own
 * flow keeps the open's rush and the lunch lull from looking like bursts; leaving the event itself out keeps a lone
 * night-time trade at 0 instead of looking like a burst of one.
 */
export function burstScore(otherNameEvents: number, otherEvents: number, share: number): number {
  return Math.log((otherNameEvents + 1) / (share * otherEvents + 1));
}

/** A share lookup over a stored record that falls back for unseen names (own keys only: names are free text). */
export function shareLookup(shares: Record<string, number>, unseen: number): (name: string) => number {
  const map = new Map(Object.entries(shares));
  return (name) => map.get(name) ?? unseen;
}

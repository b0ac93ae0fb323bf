import type { FeatureTrade } from './feature-trade';
import type { MarketLevel } from './market-level';

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
  const economics = (i: number) => {
    const t = trades[i]!;
    return `${t.product}|${t.notional_leg1}|${levels[i]?.field ?? ''}|${levels[i]?.value ?? ''}`;
  };
  // Counterparty identifiers are LEIs or client codes, neither of which can contain a '|'.
  const timesByKey = new Map<string, number[]>();
  trades.forEach((t, i) => {
    const key = `${economics(i)}|${t.counterparty_1}|${t.counterparty_2}`;
    const times = timesByKey.get(key);
    if (times) times.push(t.executionMs);
    else timesByKey.set(key, [t.executionMs]);
  });
  for (const times of timesByKey.values()) times.sort((a, b) => a - b);

  return Float64Array.from(trades, (t, i) => {
    if (t.counterparty_1 === t.counterparty_2) return 1;
    const mirrors = timesByKey.get(`${economics(i)}|${t.counterparty_2}|${t.counterparty_1}`);
    return mirrors !== undefined && anyWithin(mirrors, t.executionMs, windowMs) ? 1 : 0;
  });
}

/** Whether ascending `times` holds a value in [t − window, t + window] (binary search for the first ≥ t − window). */
function anyWithin(times: readonly number[], t: number, windowMs: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t - windowMs) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! <= t + windowMs;
}

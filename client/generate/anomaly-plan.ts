import { MS_PER_HOUR, MS_PER_MINUTE } from './dates';
import { MARKET_CLOSE_MS, type IntradayProfile } from './intraday';
import type { Prng } from './prng';
import type { Counterparty, ReferenceData } from './reference-data';

/** The labelled anomaly kinds the generator injects; every one is still a valid trade row. */
export const ANOMALY_KINDS = [
  'fat_finger_notional',
  'off_market_rate',
  'outside_market_hours',
  'wash_pair',
  'counterparty_burst',
  'inconsistent_dates',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export type RowLabel = AnomalyKind | 'normal';

export type AnomalyGroup =
  | { kind: 'fat_finger_notional' | 'off_market_rate' | 'outside_market_hours' | 'inconsistent_dates' }
  | { kind: 'wash_pair'; variant: 'swapped' | 'self'; counterparty: Counterparty }
  | { kind: 'counterparty_burst'; counterparty: Counterparty };

/** One anomalous row to emit at `ms` (after KST midnight); rows of one group share its index. */
export interface AnomalySlot {
  ms: number;
  group: number;
  /** Position within the group (0 for the first row of a wash pair). */
  order: number;
}

export interface AnomalyPlan {
  groups: readonly AnomalyGroup[];
  /** Sorted by time, ties in planning order. */
  slots: readonly AnomalySlot[];
}

type SingleKind = 'fat_finger_notional' | 'off_market_rate' | 'outside_market_hours' | 'inconsistent_dates';
const SINGLE_SHARES: readonly (readonly [SingleKind, number])[] = [
  ['fat_finger_notional', 0.27],
  ['off_market_rate', 0.27],
  ['outside_market_hours', 0.23],
  ['inconsistent_dates', 0.23],
];
const BURST_SHARE = 0.16;
const WASH_SHARE = 0.16;
const MINUTE = MS_PER_MINUTE;

/** Splits `rows` among the single-row kinds by their shares (largest remainder, ties in list order). */
function splitSingles(rows: number): [SingleKind, number][] {
  const exact = SINGLE_SHARES.map(([kind, share]) => [kind, rows * share] as const);
  const counts = exact.map(([kind, value]) => [kind, Math.floor(value)] as [SingleKind, number]);
  const order = exact
    .map(([, value], i) => [value - Math.floor(value), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = rows - counts.reduce((sum, [, n]) => sum + n, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    (counts[i] as [SingleKind, number])[1]++;
  }
  return counts;
}

/** Sizes of the bursts: 20–40 rows each, enough bursts for the burst share (at least one once the budget allows). */
function burstSizes(budget: number, rng: Prng): number[] {
  let left = budget >= 40 ? Math.max(20, Math.round(budget * BURST_SHARE)) : 0;
  const sizes: number[] = [];
  while (left >= 20) {
    let size = Math.min(rng.int(20, 40), left);
    if (left <= 40) size = left;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * Decides which anomalies a file gets and when: exactly `budget` labelled rows, spread over the day
 * (outside-hours trades at night, everything else in market hours under the intraday profile).
 */
export function planAnomalies(budget: number, rng: Prng, profile: IntradayProfile, ref: ReferenceData): AnomalyPlan {
  const groups: AnomalyGroup[] = [];
  const slots: AnomalySlot[] = [];
  const add = (group: AnomalyGroup, times: readonly number[]) => {
    times.forEach((ms, order) => slots.push({ ms, group: groups.length, order }));
    groups.push(group);
  };
  const bursts = burstSizes(budget, rng);
  const washPairs = budget >= 6 ? Math.max(1, Math.floor(Math.round(budget * WASH_SHARE) / 2)) : 0;
  const singles = budget - bursts.reduce((sum, n) => sum + n, 0) - 2 * washPairs;

  for (const size of bursts) {
    const start = Math.min(Math.max(profile.draw(rng), 9 * MS_PER_HOUR + 5 * MINUTE), 15 * MS_PER_HOUR + 15 * MINUTE);
    const window = rng.int(2 * MINUTE, 10 * MINUTE);
    const times = Array.from({ length: size }, () => start + rng.int(0, window)).sort((a, b) => a - b);
    add({ kind: 'counterparty_burst', counterparty: rng.pick(ref.quiet) }, times);
  }
  for (let i = 0; i < washPairs; i++) {
    const first = Math.min(profile.draw(rng), MARKET_CLOSE_MS - 5 * MINUTE - 1);
    const variant = rng.chance(0.5) ? 'swapped' : 'self';
    const counterparty = rng.pick(ref.dealers.slice(0, 60));
    add({ kind: 'wash_pair', variant, counterparty }, [first, first + rng.int(20_000, 5 * MINUTE)]);
  }
  for (const [kind, count] of splitSingles(singles)) {
    for (let i = 0; i < count; i++)
      add({ kind }, [kind === 'outside_market_hours' ? nightTime(rng) : profile.draw(rng)]);
  }
  slots.sort((a, b) => a.ms - b.ms || a.group - b.group || a.order - b.order);
  return { groups, slots };
}

/** Early morning (02:00–06:00) or late evening (20:00–23:00) KST on the same date. */
function nightTime(rng: Prng): number {
  return rng.chance(0.5)
    ? rng.int(2 * MS_PER_HOUR, 6 * MS_PER_HOUR - 1)
    : rng.int(20 * MS_PER_HOUR, 23 * MS_PER_HOUR - 1);
}

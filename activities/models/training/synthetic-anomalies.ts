import type { Rng } from '../data/rng';
import type { FeatureTrade } from '../features/feature-trade';

export const SYNTHETIC_KINDS = [
  'fat_finger_notional',
  'off_market_rate',
  'outside_market_hours',
  'inconsistent_dates',
] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];

const DAY_MS = 86_400_000;

/**
 * Labelled anomalies for the hold-out where reviewed labels are scarce (DESIGN Data flow 6): copies of real
 * hold-out trades with one property bent the way real mistakes bend it. Each copy gets a new event key.
 */
export function injectSyntheticAnomalies(trades: readonly FeatureTrade[], count: number, rng: Rng): FeatureTrade[] {
  // New trades only: an amended or terminated swap is legitimately off today's market and back-dated.
  const bases = trades.filter((t) => t.action_type === 'NEWT');
  const out: FeatureTrade[] = [];
  for (let i = 0; i < count && bases.length > 0; i++) {
    const base = bases[Math.floor(rng.next() * bases.length)]!;
    const kind = SYNTHETIC_KINDS[i % SYNTHETIC_KINDS.length]!;
    out.push({ ...bend(base, kind, rng), event_key: `synthetic-${i}-${base.event_key}` });
  }
  return out;
}

function bend(t: FeatureTrade, kind: SyntheticKind, rng: Rng): FeatureTrade {
  switch (kind) {
    case 'fat_finger_notional':
      return { ...t, notional_leg1: t.notional_leg1 * (rng.next() < 0.5 ? 1000 : 100) };
    case 'off_market_rate': {
      const shift = (rng.next() < 0.5 ? -1 : 1) * (0.02 + rng.next() * 0.02);
      return t.fixed_rate_leg1 !== null
        ? { ...t, fixed_rate_leg1: t.fixed_rate_leg1 + shift }
        : { ...t, price: (t.price ?? 1) * (1 + shift * 5) };
    }
    case 'outside_market_hours': {
      // Move to 02:00–05:00 KST of the same day.
      const kstDayStart = Math.floor((t.executionMs + 9 * 3_600_000) / DAY_MS) * DAY_MS - 9 * 3_600_000;
      return { ...t, executionMs: kstDayStart + (2 + rng.next() * 3) * 3_600_000 };
    }
    case 'inconsistent_dates': {
      const back = Math.round(60 + rng.next() * 120) * DAY_MS;
      return { ...t, effective_date: new Date(Date.parse(t.effective_date) - back).toISOString().slice(0, 10) };
    }
  }
}

import { MS_PER_MINUTE } from './trade-calendar';

/** Half-width of the window a counterparty's or trader's burst is counted in. */
export const ACTIVITY_WINDOW_MS = 10 * MS_PER_MINUTE;

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

/*
 * Korea Standard Time helpers, pure. Korea keeps no daylight saving, so KST is UTC+9 all year; dates are
 * `YYYY-MM-DD` strings of the KST calendar and instants are epoch milliseconds.
 */

export const KST_OFFSET_MS = 9 * 3_600_000;
/** The same offset in minutes east of UTC, as ISO-week helpers take it. */
export const KST_OFFSET_MINUTES = 9 * 60;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** The KST calendar date of an instant, `YYYY-MM-DD`. */
export function kstDateOf(utcMs: number): string {
  return new Date(utcMs + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The KST calendar year of an instant. */
export function kstYearOf(utcMs: number): number {
  return Number(kstDateOf(utcMs).slice(0, 4));
}

/** The instant of `HH:00` KST on a KST date (hour may be fractional). */
export function kstInstant(date: string, hour = 0): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return ms - KST_OFFSET_MS + hour * MS_PER_HOUR;
}

/** Milliseconds after KST midnight of an instant. */
export function kstMsOfDay(utcMs: number): number {
  const local = utcMs + KST_OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** 0 = Sunday … 6 = Saturday, of a KST date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The KST date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** An instant as ISO 8601 with the KST offset, for people: `2026-11-27T16:00:00+09:00`. */
export function formatKst(utcMs: number): string {
  return `${new Date(utcMs + KST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

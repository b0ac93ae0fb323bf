const KST_OFFSET_MS = 9 * 3_600_000;

/** `YYYY-MM-DD` of the KST calendar date of an instant (Korea keeps no daylight saving). */
export function kstDateOf(utcMs: number): string {
  return new Date(utcMs + KST_OFFSET_MS).toISOString().slice(0, 10);
}

const KST_OFFSET_MS = 9 * 3_600_000;

/**
 * The most recent weekday in KST that has fully ended before `now` (so none of its trades lies in the future).
 * Holidays join when the business calendar does.
 */
export function previousWeekdayKst(now: Date): string {
  const kst = new Date(now.getTime() + KST_OFFSET_MS);
  const day = new Date(Date.UTC(kst.getUTCFullYear(), kst.getUTCMonth(), kst.getUTCDate()));
  do {
    day.setUTCDate(day.getUTCDate() - 1);
  } while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
}

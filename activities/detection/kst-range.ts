const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * [from, to) in UTC for KST business dates `fromDate`..`toDate` inclusive (Korea keeps no daylight saving), or the
 * instants themselves when ISO timestamps are given.
 *
 * @example kstDateRange('2026-11-20', '2026-11-20') // 2026-11-19T15:00Z … 2026-11-20T15:00Z
 */
export function kstDateRange(fromText: string, toText: string): { from: Date; to: Date } {
  const from = DATE.test(fromText) ? new Date(`${fromText}T00:00:00+09:00`) : new Date(fromText);
  const to = DATE.test(toText)
    ? new Date(new Date(`${toText}T00:00:00+09:00`).getTime() + 86_400_000)
    : new Date(toText);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new Error(`not a date or timestamp: ${Number.isNaN(from.getTime()) ? fromText : toText}`);
  }
  if (from >= to) throw new Error(`the range ${fromText} … ${toText} is empty`);
  return { from, to };
}

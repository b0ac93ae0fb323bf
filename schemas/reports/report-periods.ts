// Pure calendar arithmetic for reports: KST dates, daily report cut-offs and the cumulative periods. Workflows
// call these with holiday dates read by an activity, so a calendar data update never changes a recorded history.

const KST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
/** The daily report runs at 05:00 KST; everything received before that belongs to that day's report. */
export const DAILY_CUTOFF_HOUR_KST = 5;

/** The KST calendar date of an instant. */
export function kstDate(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Dates from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** 05:00 KST of `date`, as a UTC instant. */
export function dailyCutoff(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - KST_OFFSET_MS + DAILY_CUTOFF_HOUR_KST * 3_600_000);
}

/**
 * The period of the daily report of business date `date`: from the previous business day's cut-off to this one's,
 * so Monday covers Friday to Sunday and the day after a holiday covers the holiday too.
 */
export function dailyReportPeriod(date: string, holidays: readonly string[]): { start: Date; end: Date } {
  const closed = new Set(holidays);
  let previous = addDays(date, -1);
  for (let i = 0; i < 30 && (!isWeekday(previous) || closed.has(previous)); i++) previous = addDays(previous, -1);
  return { start: dailyCutoff(previous), end: dailyCutoff(date) };
}

export type CumulativePeriod = `${number}-Q${1 | 2 | 3 | 4}` | `${number}-H${1 | 2}` | `${number}-Y`;

/** The quarter (`2026-Q4`) that ended before `date` (a run on 2027-01-01 reports 2026-Q4). */
export function quarterEndedBefore(date: string): string {
  const d = addDays(date, -1);
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** KST date range [from, to) of a cumulative period. */
export function periodDates(period: string): { from: string; to: string } {
  const m = /^(\d{4})-(Q([1-4])|H([12])|Y)$/.exec(period);
  if (!m) throw new Error(`not a report period: ${period}`);
  const year = Number(m[1]);
  const firstMonth = m[3] ? (Number(m[3]) - 1) * 3 + 1 : m[4] ? (Number(m[4]) - 1) * 6 + 1 : 1;
  const months = m[3] ? 3 : m[4] ? 6 : 12;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(year, firstMonth - 1 + months, 1)).toISOString().slice(0, 10);
  return { from, to: end };
}

/** The UTC instants bounding a period's KST days. */
export function periodInstants(period: string): { start: Date; end: Date } {
  const { from, to } = periodDates(period);
  return {
    start: new Date(Date.parse(`${from}T00:00:00Z`) - KST_OFFSET_MS),
    end: new Date(Date.parse(`${to}T00:00:00Z`) - KST_OFFSET_MS),
  };
}

/** The reports a quarter's chain runs, in order: the quarterly, then the half-year after Q2/Q4, then the annual. */
export function cumulativeChain(quarter: string): string[] {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`not a quarter (2026-Q4): ${quarter}`);
  const year = m[1]!;
  const q = Number(m[2]);
  const chain = [quarter];
  if (q === 2) chain.push(`${year}-H1`);
  if (q === 4) chain.push(`${year}-H2`, `${year}-Y`);
  return chain;
}

/** The reports a half-year or annual report is built from (the two quarterlies, or the two halves). */
export function sourcePeriods(period: string): string[] {
  const m = /^(\d{4})-(H([12])|Y)$/.exec(period);
  if (!m) return [];
  const year = m[1]!;
  if (m[3] === '1') return [`${year}-Q1`, `${year}-Q2`];
  if (m[3] === '2') return [`${year}-Q3`, `${year}-Q4`];
  return [`${year}-H1`, `${year}-H2`];
}

/**
 * Calendar arithmetic on "day numbers" (days since 1970-01-01), pure and time-zone free:
 * every date here is a KST calendar date, and times are milliseconds after KST midnight.
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const KST_OFFSET_MS = 9 * MS_PER_HOUR;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` date, or null when the text is not a real calendar date. */
export function parseDay(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

const formatted = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (memoised: a file only ever uses a few thousand distinct dates). */
export function formatDay(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6;
}

/** Moves forward to the next weekday when `day` falls on a weekend (the "following" convention). */
export function followingWeekday(day: number): number {
  let result = day;
  while (isWeekend(result)) result++;
  return result;
}

/** Adds `count` weekdays. Korean public holidays are not modelled: synthetic settlement dates may land on one. */
export function addBusinessDays(day: number, count: number): number {
  let result = day;
  let left = count;
  while (left > 0) {
    result++;
    if (!isWeekend(result)) left--;
  }
  return result;
}

const monthSums = new Map<number, number>();

/** Adds calendar months, clamping to the month's last day (31 Jan + 1M = 28/29 Feb). Memoised: it is hot. */
export function addMonths(day: number, months: number): number {
  const key = day * 4096 + months + 2048;
  let result = monthSums.get(key);
  if (result === undefined) {
    const date = new Date(day * MS_PER_DAY);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + months;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    result = Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
    monthSums.set(key, result);
  }
  return result;
}

/** The CDS roll date (20 Mar/Jun/Sep/Dec) on or after `day`. */
export function nextImmTwentieth(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  let year = date.getUTCFullYear();
  let month = date.getUTCMonth();
  for (;;) {
    if (month % 3 === 2) {
      const candidate = Date.UTC(year, month, 20) / MS_PER_DAY;
      if (candidate >= day) return candidate;
    }
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
}

/** The UTC instant of a KST wall-clock time on a KST date. */
export function kstInstantMs(day: number, msOfDay: number): number {
  return day * MS_PER_DAY + msOfDay - KST_OFFSET_MS;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/** `2026-11-20T10:15:30.123+09:00` for a time of day on a KST date. */
export function formatKstTimestamp(dateText: string, msOfDay: number): string {
  const hours = Math.floor(msOfDay / MS_PER_HOUR);
  const minutes = Math.floor(msOfDay / MS_PER_MINUTE) % 60;
  const seconds = Math.floor(msOfDay / 1000) % 60;
  return `${dateText}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(msOfDay % 1000)}+09:00`;
}

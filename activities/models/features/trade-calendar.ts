/*
 * Calendar arithmetic for the features, pure and time-zone explicit. Dates are "day numbers" (days since
 * 1970-01-01); instants are epoch milliseconds. Korea keeps no daylight saving, so KST is UTC+9 all year.
 * Public holidays are not modelled here: the holiday data reaches workflows through an activity, and the rules,
 * not the features, judge holiday trading.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
const KST_OFFSET_MS = 9 * 3_600_000;
/** Market hours for the rules (DESIGN: Time rules): [09:00, 15:30) KST on weekdays. */
export const MARKET_OPEN_MINUTE = 9 * 60;
export const MARKET_CLOSE_MINUTE = 15 * 60 + 30;

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates repeat heavily within a batch (a day's trades share a few start and end dates): parse each once. */
const dayNumbers = new Map<string, number>();
const MAX_CACHED_DATES = 50_000;

/** Day number of a `YYYY-MM-DD` date; throws on anything else (the features only see validated dates). */
export function dayNumberOf(dateText: string): number {
  const cached = dayNumbers.get(dateText);
  if (cached !== undefined) return cached;
  const match = DATE_TEXT.exec(dateText);
  if (!match) throw new Error(`'${dateText}' is not a YYYY-MM-DD date`);
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
  if (dayNumbers.size >= MAX_CACHED_DATES) dayNumbers.clear();
  dayNumbers.set(dateText, day);
  return day;
}

/** Day number of the KST calendar date of an instant. */
export function kstDayOf(utcMs: number): number {
  return Math.floor((utcMs + KST_OFFSET_MS) / MS_PER_DAY);
}

/** Minutes (with fraction) after KST midnight of an instant. */
export function kstMinuteOfDay(utcMs: number): number {
  const local = utcMs + KST_OFFSET_MS;
  return (local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Minutes from the instant to the nearest weekday market session, 0 inside one. A weekend trade counts from the
 * Friday close or the Monday open, whichever is nearer, so Saturday noon is further out than Friday 16:00.
 */
export function minutesOutsideMarket(utcMs: number): number {
  const minutes = (utcMs + KST_OFFSET_MS) / MS_PER_MINUTE;
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  let nearest = Infinity;
  // A weekend is two days long, so the nearest weekday session is never more than three days away.
  for (let d = day - 3; d <= day + 3; d++) {
    const dow = dayOfWeek(d);
    if (dow === 0 || dow === 6) continue;
    const open = d * MINUTES_PER_DAY + MARKET_OPEN_MINUTE;
    const close = d * MINUTES_PER_DAY + MARKET_CLOSE_MINUTE;
    const distance = minutes < open ? open - minutes : minutes >= close ? minutes - close : 0;
    nearest = Math.min(nearest, distance);
  }
  return nearest;
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1M = 28/29 Feb), as swap schedules do. */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
}

/** The CDS roll date (20 Mar/Jun/Sep/Dec) on or after `day`. */
export function nextImmTwentieth(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  // Months 2, 5, 8, 11 (zero-based) are the IMM months; try this quarter's and the next one's.
  const quarterMonth = Math.floor(date.getUTCMonth() / 3) * 3 + 2;
  const candidate = Date.UTC(year, quarterMonth, 20) / MS_PER_DAY;
  return candidate >= day ? candidate : Date.UTC(year, quarterMonth + 3, 20) / MS_PER_DAY;
}

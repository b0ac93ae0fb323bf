import { addDays, kstDateOf, kstInstant, kstMsOfDay, MS_PER_HOUR, weekdayOf } from './kst';

/*
 * The business calendar (DESIGN "Business calendar", "Time rules"), pure: every function takes the instant and the
 * calendar data as arguments, so workflows can use them deterministically and the data (holidays, closures) is
 * read by an activity and recorded in the history.
 */

/** The calendar data of a range of years, as the `loadBusinessCalendar` activity returns it. */
export interface BusinessCalendar {
  fromYear: number;
  toYear: number;
  /** Closed KST dates (public holidays and our closures), `YYYY-MM-DD` → reason(s). */
  closed: Record<string, string>;
  /** Years of the range without holiday data: no date in them can be judged. */
  missingYears: number[];
}

/** A date whose year has no holiday data (or lies outside the loaded range): never guessed as a business day. */
export class CalendarGapError extends Error {
  override readonly name = 'CalendarGapError';
  constructor(readonly year: number) {
    super(`no business calendar data for ${year}`);
  }
}

/** The alert window: [09:00, 15:00) KST on business days. */
export const ALERT_WINDOW_OPEN_HOUR = 9;
export const ALERT_WINDOW_CLOSE_HOUR = 15;
/** A business day is at most this far away (the longest Korean holiday run plus weekends is about ten days). */
const MAX_SCAN_DAYS = 60;

/** Monday–Friday and not a public holiday or closure. Throws CalendarGapError for a year without data. */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  const year = Number(date.slice(0, 4));
  if (year < calendar.fromYear || year > calendar.toYear || calendar.missingYears.includes(year)) {
    throw new CalendarGapError(year);
  }
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !(date in calendar.closed);
}

/** Whether an instant lies in [09:00, 15:00) KST of a business day. */
export function isInAlertWindow(utcMs: number, calendar: BusinessCalendar): boolean {
  const msOfDay = kstMsOfDay(utcMs);
  return (
    msOfDay >= ALERT_WINDOW_OPEN_HOUR * MS_PER_HOUR &&
    msOfDay < ALERT_WINDOW_CLOSE_HOUR * MS_PER_HOUR &&
    isBusinessDay(kstDateOf(utcMs), calendar)
  );
}

/** The first instant at or after `utcMs` inside the alert window: `utcMs` itself when it is inside. */
export function nextWindowOpening(utcMs: number, calendar: BusinessCalendar): number {
  if (isInAlertWindow(utcMs, calendar)) return utcMs;
  const today = kstDateOf(utcMs);
  const beforeOpening = kstMsOfDay(utcMs) < ALERT_WINDOW_OPEN_HOUR * MS_PER_HOUR;
  for (let offset = beforeOpening ? 0 : 1; offset <= MAX_SCAN_DAYS; offset++) {
    const date = addDays(today, offset);
    if (isBusinessDay(date, calendar)) return kstInstant(date, ALERT_WINDOW_OPEN_HOUR);
  }
  throw new Error(`no business day within ${MAX_SCAN_DAYS} days of ${today}: the calendar data is wrong`);
}

/** The end of the alert window that contains `utcMs` (which must be inside one). */
function windowCloseOf(utcMs: number): number {
  return kstInstant(kstDateOf(utcMs), ALERT_WINDOW_CLOSE_HOUR);
}

/**
 * `hours` of business time (alert-window hours on business days) after `utcMs`; time outside the window does not
 * count. The result always lies inside a window: a deadline that falls on a window's close moves to the next
 * opening, since nothing may be sent at 15:00.
 *
 * @example addBusinessHours(Friday 14:00 KST, 2, calendar) → Monday 10:00 KST (when Monday is a business day)
 */
export function addBusinessHours(utcMs: number, hours: number, calendar: BusinessCalendar): number {
  let remaining = hours * MS_PER_HOUR;
  let at = nextWindowOpening(utcMs, calendar);
  for (;;) {
    const available = windowCloseOf(at) - at;
    if (remaining < available) return at + remaining;
    remaining -= available;
    at = nextWindowOpening(windowCloseOf(at), calendar);
  }
}

/** The calendar years a decision starting at `utcMs` may need: this one and the next (for late December). */
export function calendarYearsFor(utcMs: number): { fromYear: number; toYear: number } {
  const year = Number(kstDateOf(utcMs).slice(0, 4));
  return { fromYear: year, toYear: year + 1 };
}

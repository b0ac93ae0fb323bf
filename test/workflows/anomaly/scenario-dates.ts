import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import { isBusinessDay, type BusinessCalendar } from '../../../schemas/calendar/business-calendar';
import { addDays, kstDateOf, weekdayOf } from '../../../schemas/calendar/kst';
import { realCalendar } from '../../support/calendar-fixture';

/*
 * The scenarios need dates after the time-skipping server's start (today), since its clock only moves forward.
 * They are chosen from the real calendar data, so the tests keep working as the years pass (until the holiday
 * package runs out, when they fail and say so).
 */

let cached: BusinessCalendar | undefined;
async function calendar(nowMs: number): Promise<BusinessCalendar> {
  const year = Number(kstDateOf(nowMs).slice(0, 4));
  cached ??= await realCalendar(year, year + 2);
  return cached;
}

/** The first date after today (KST) for which `pick` holds, scanning a year. */
async function firstDate(nowMs: number, pick: (date: string, cal: BusinessCalendar) => boolean): Promise<string> {
  const cal = await calendar(nowMs);
  let date = addDays(kstDateOf(nowMs), 1);
  for (let i = 0; i < 366; i++, date = addDays(date, 1)) if (pick(date, cal)) return date;
  throw new Error('no suitable date within a year: is the holiday data exhausted?');
}

/** A business day (after today) and the next business day after it. */
export async function businessDay(nowMs: number): Promise<{ day: string; next: string }> {
  const day = await firstDate(nowMs, (d, cal) => isBusinessDay(d, cal) && isBusinessDay(addDays(d, 1), cal));
  return { day, next: addDays(day, 1) };
}

/** A Friday that is a business day followed by a Monday that is one. */
export async function fridayBeforeWorkingMonday(nowMs: number): Promise<{ friday: string; monday: string }> {
  const friday = await firstDate(
    nowMs,
    (d, cal) => weekdayOf(d) === 5 && isBusinessDay(d, cal) && isBusinessDay(addDays(d, 3), cal),
  );
  return { friday, monday: addDays(friday, 3) };
}

/**
 * The next Chuseok: its eve (the last day before the holidays) and the first weekday after them that the holiday
 * package does not list, found by walking the package's own data (independently of the code under test).
 */
export async function nextChuseok(nowMs: number): Promise<{ eve: string; holidays: string[]; reopens: string }> {
  const today = kstDateOf(nowMs);
  for (let year = Number(today.slice(0, 4)); ; year++) {
    const preset = await getHolidayPreset(String(year)).catch(() => {
      throw new Error(`the holiday package has no Chuseok after ${today}`);
    });
    const holidays = Object.keys(preset)
      .filter((d) => preset[d as keyof typeof preset]?.some((name) => name.includes('추석')))
      .sort();
    const first = holidays[0];
    if (!first || addDays(first, -1) <= today) continue;
    let reopens = addDays(holidays[holidays.length - 1]!, 1);
    while (weekdayOf(reopens) === 0 || weekdayOf(reopens) === 6 || reopens in preset) reopens = addDays(reopens, 1);
    return { eve: addDays(first, -1), holidays, reopens };
  }
}

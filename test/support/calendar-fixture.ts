import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import type { BusinessCalendar } from '../../schemas/calendar/business-calendar';
import {
  composeBusinessCalendar,
  type CalendarClosure,
  type HolidayPreset,
} from '../../schemas/calendar/compose-calendar';

/** The real calendar of a range of years, from the holiday package plus our closures (what the activity builds). */
export async function realCalendar(
  fromYear: number,
  toYear: number,
  closures: CalendarClosure[] = [],
): Promise<BusinessCalendar> {
  const presets = new Map<number, HolidayPreset | undefined>();
  for (let year = fromYear; year <= toYear; year++) {
    presets.set(year, await getHolidayPreset(String(year)).catch(() => undefined));
  }
  return composeBusinessCalendar({ fromYear, toYear, presets, closures });
}

/** `2026-11-27 16:00` KST → epoch ms. */
export function kst(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}:00+09:00`);
}

/** Epoch ms → `2026-11-30 09:00` KST, for readable assertions. */
export function showKst(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

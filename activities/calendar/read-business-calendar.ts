import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import type { Kysely } from 'kysely';
import type { BusinessCalendar } from '../../schemas/calendar/business-calendar';
import {
  composeBusinessCalendar,
  type CalendarClosure,
  type HolidayPreset,
} from '../../schemas/calendar/compose-calendar';
import type { Database } from '../../schemas/db/database';

/** The holiday package's data of a year, or undefined where it has none (it throws a RangeError then). */
async function presetOf(year: number): Promise<HolidayPreset | undefined> {
  try {
    return await getHolidayPreset(String(year));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The business calendar of [fromYear, toYear]: the holiday package, our fixed closures and `calendar_closures`. */
export async function readBusinessCalendar(
  db: Kysely<Database>,
  range: { fromYear: number; toYear: number },
): Promise<BusinessCalendar> {
  const presets = new Map<number, HolidayPreset | undefined>();
  for (let year = range.fromYear; year <= range.toYear; year++) presets.set(year, await presetOf(year));
  const rows = await db
    .selectFrom('calendar_closures')
    .select(['closed_on', 'reason', 'kind'])
    .where('closed_on', '>=', `${range.fromYear}-01-01`)
    .where('closed_on', '<=', `${range.toYear}-12-31`)
    .execute();
  const closures: CalendarClosure[] = rows.map((r) => ({ date: r.closed_on, reason: r.reason, kind: r.kind }));
  return composeBusinessCalendar({ ...range, presets, closures });
}

/** Adds (or re-words) an ad-hoc closure, or a holiday entered for a year the package does not cover. */
export async function addCalendarClosure(
  db: Kysely<Database>,
  closure: CalendarClosure & { createdBy: string },
): Promise<void> {
  await db
    .insertInto('calendar_closures')
    .values({ closed_on: closure.date, reason: closure.reason, kind: closure.kind, created_by: closure.createdBy })
    .onConflict((oc) => oc.column('closed_on').doUpdateSet({ reason: closure.reason, kind: closure.kind }))
    .execute();
}

import type { BusinessCalendar } from './business-calendar';

/** Public holidays of one year as the holiday package gives them: `YYYY-MM-DD` → names. */
export type HolidayPreset = Readonly<Record<string, readonly string[]>>;

/** A row of the `calendar_closures` table: an ad-hoc market closure, or a holiday an operator entered. */
export interface CalendarClosure {
  date: string;
  reason: string;
  /** `holiday` rows stand in for missing gazette data: a year with any of them counts as covered. */
  kind: 'closure' | 'holiday';
}

/** The bank's own closures every year: 31 December (market closed); 1 May (Workers' Day) before it became a
 * public holiday in 2026. */
export function bankClosuresOf(year: number): CalendarClosure[] {
  const closures: CalendarClosure[] = [
    { date: `${year}-12-31`, reason: '연말 휴장 (year-end closure)', kind: 'closure' },
  ];
  if (year < 2026) closures.push({ date: `${year}-05-01`, reason: '근로자의 날 (Workers’ Day)', kind: 'closure' });
  return closures;
}

/**
 * Merges the holiday package's presets (undefined for a year it has no data for), the bank's closures and the
 * ad-hoc closures into the calendar of [fromYear, toYear]. A year is covered by a preset or by operator-entered
 * holiday rows; the bank's fixed closures alone never make a year look known.
 */
export function composeBusinessCalendar(input: {
  fromYear: number;
  toYear: number;
  presets: ReadonlyMap<number, HolidayPreset | undefined>;
  closures: readonly CalendarClosure[];
}): BusinessCalendar {
  const closed: Record<string, string> = {};
  const add = (date: string, reason: string) => {
    closed[date] = closed[date] ? `${closed[date]}; ${reason}` : reason;
  };
  const missingYears: number[] = [];
  for (let year = input.fromYear; year <= input.toYear; year++) {
    const preset = input.presets.get(year);
    const entered = input.closures.some((c) => c.kind === 'holiday' && c.date.startsWith(`${year}-`));
    if (!preset && !entered) missingYears.push(year);
    for (const [date, names] of Object.entries(preset ?? {})) add(date, names.join(', '));
    for (const closure of bankClosuresOf(year)) add(closure.date, closure.reason);
  }
  for (const closure of input.closures) {
    const year = Number(closure.date.slice(0, 4));
    if (year >= input.fromYear && year <= input.toYear) add(closure.date, closure.reason);
  }
  return { fromYear: input.fromYear, toYear: input.toYear, closed, missingYears };
}

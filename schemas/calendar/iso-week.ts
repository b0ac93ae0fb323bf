/** ISO 8601 weeks (Monday start), in a given UTC offset. Pure: used by workflows and activities alike. */
const DAY_MS = 86_400_000;

export interface WeekRange {
  week: string;
  /** Monday 00:00 local, as a UTC instant. */
  fromMs: number;
  /** The next Monday 00:00 local, exclusive. */
  toMs: number;
}

export function parseIsoWeek(week: string): { year: number; week: number } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week (YYYY-Www): ${week}`);
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (number < 1 || number > weeksInYear(year)) throw new Error(`${year} has no week ${number}`);
  return { year, week: number };
}

function weeksInYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  return isoWeekOf(dec28.getTime()).week;
}

/** The ISO week containing a calendar day given as UTC midnight ms: the week of that week's Thursday. */
function isoWeekOf(dayMs: number): { year: number; week: number } {
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7;
  const thursday = dayMs + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

export function formatIsoWeek(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week containing `instantMs` in a zone `offsetMinutes` east of UTC (Asia/Seoul: 540, no DST). */
export function isoWeekContaining(instantMs: number, offsetMinutes: number): string {
  const local = instantMs + offsetMinutes * 60_000;
  const { year, week } = isoWeekOf(Math.floor(local / DAY_MS) * DAY_MS);
  return formatIsoWeek(year, week);
}

/**
 * The trading week a training run at `instantMs` covers: the ISO week of the day before (the Saturday 02:00 KST run
 * trains on the Monday–Friday that has just ended).
 */
export function trainingWeekFor(instantMs: number, offsetMinutes: number): string {
  return isoWeekContaining(instantMs - DAY_MS, offsetMinutes);
}

/** Monday 00:00 to next Monday 00:00, local to `offsetMinutes`, as UTC instants. */
export function isoWeekRange(week: string, offsetMinutes: number): WeekRange {
  const { year, week: number } = parseIsoWeek(week);
  const jan4 = Date.UTC(year, 0, 4);
  const mondayWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const mondayLocal = mondayWeek1 + (number - 1) * 7 * DAY_MS;
  const fromMs = mondayLocal - offsetMinutes * 60_000;
  return { week, fromMs, toMs: fromMs + 7 * DAY_MS };
}

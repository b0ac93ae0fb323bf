import * as presets from '@hyunbinseo/holidays-kr/all';

/** Bank and market closures on top of the public holidays (DESIGN: Business calendar). */
function closures(year: number): [string, string][] {
  const out: [string, string][] = [[`${year}-12-31`, '연말 휴장일 (year-end market closure)']];
  // Labour Day closed banks and the market until it became a public holiday in 2026.
  if (year < 2026) out.push([`${year}-05-01`, '근로자의 날 (Labour Day bank closure)']);
  return out;
}

/**
 * Korean public holidays of `year` (from @hyunbinseo/holidays-kr, the government gazette) plus our closures, by
 * `YYYY-MM-DD`. A year without gazette data throws: it must never be treated as all business days.
 */
export function koreanHolidays(year: number): Map<string, string> {
  const preset = (presets as Record<string, Readonly<Record<string, readonly string[]>> | undefined>)[`y${year}`];
  if (!preset) throw new Error(`no Korean holiday data for ${year}: update @hyunbinseo/holidays-kr`);
  const map = new Map<string, string>(Object.entries(preset).map(([date, names]) => [date, names.join(', ')]));
  for (const [date, name] of closures(year)) if (!map.has(date)) map.set(date, name);
  return map;
}

/** Monday–Friday and not in `holidays` (a `YYYY-MM-DD` calendar date, read as a KST day). */
export function isBusinessDay(date: string, holidays: { has(date: string): boolean }): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import { readBusinessCalendar } from '../../calendar/read-business-calendar';
import { kstYearOf } from '../../../schemas/calendar/kst';
import { dayNumberOf } from '../../models/features/trade-calendar';
import { RefreshedValue } from './refreshed-value';

/** KST day number → why the market is closed that day (a public holiday or a closure). */
export type ClosedDays = ReadonlyMap<number, string>;

/**
 * The business calendar's closed days as the rules need them (the market-hours rule flags a trade executed on a
 * public holiday), each year read at most once per `pollMs`, so a closure entered with `calendar close` reaches
 * running processes within that. A year without holiday data has only our own closures here; the workflows'
 * calendar activity sends the operations alert for it.
 */
export class MarketCalendarHolder {
  private readonly years = new Map<number, RefreshedValue<ClosedDays>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The closed days of the KST years that [fromMs, toMs] touches. */
  async closedDays(fromMs: number, toMs: number): Promise<ClosedDays> {
    const first = kstYearOf(fromMs);
    const last = Math.max(first, Math.min(kstYearOf(toMs), first + 10));
    if (first === last) return this.year(first).get();
    const merged = new Map<number, string>();
    for (let year = first; year <= last; year++) {
      for (const [day, why] of await this.year(year).get()) merged.set(day, why);
    }
    return merged;
  }

  private year(year: number): RefreshedValue<ClosedDays> {
    let value = this.years.get(year);
    if (!value) {
      value = new RefreshedValue(
        async () => {
          const calendar = await readBusinessCalendar(this.db, { fromYear: year, toYear: year });
          return new Map(Object.entries(calendar.closed).map(([date, why]) => [dayNumberOf(date), why]));
        },
        this.pollMs,
        this.clock,
      );
      this.years.set(year, value);
    }
    return value;
  }
}

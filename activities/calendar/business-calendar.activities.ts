import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import { ApplicationFailure } from '@temporalio/common';
import type { BusinessCalendar } from '../../schemas/calendar/business-calendar';
import {
  composeBusinessCalendar,
  type CalendarClosure,
  type HolidayPreset,
} from '../../schemas/calendar/compose-calendar';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import type { MailActivities } from '../mail/mail.activities';

export interface CalendarDeps {
  db: Db;
  logger: Logger;
  /** Sends the operations alert for a year without holiday data (once per year, by its key). */
  sendOperationsMail: MailActivities['sendOperationsMail'];
}

export interface LoadBusinessCalendarInput {
  fromYear: number;
  toYear: number;
}

/** The holiday package's data of a year, or undefined where it has none (it throws a RangeError then). */
async function presetOf(year: number): Promise<HolidayPreset | undefined> {
  try {
    return await getHolidayPreset(String(year));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Workflows read the business calendar through this activity, so the holiday data and closures a decision used are
 * recorded in its history and a data update never changes a replay.
 */
export function createCalendarActivities(deps: CalendarDeps) {
  async function alertMissingYears(missing: number[]): Promise<void> {
    for (const year of missing) {
      // The calendar must load even while SMTP is down: a later load tries the e-mail again. Logged loudly once,
      // when the operations e-mail goes out, not on every load of every workflow.
      const sent = await deps
        .sendOperationsMail({
          key: `calendar-${year}`,
          subject: `[swap-reporting] OPERATIONS: no business calendar data for ${year}`,
          text:
            `The Korean public-holiday data (@hyunbinseo/holidays-kr) has no entries for ${year}, and no holidays ` +
            `were entered for it in calendar_closures (kind 'holiday').\n\nUntil one of the two is provided, no ` +
            `date in ${year} counts as a business day: anomaly alerts that need ${year} wait, none is lost.\n` +
            `Fix: update the package, or insert the gazette's holidays for ${year} into calendar_closures.\n`,
        })
        .catch((error: unknown) => deps.logger.error({ err: error, year }, 'operations alert not sent'));
      const message = 'no public-holiday data for this year: alerts that need it wait';
      if (sent?.outcome === 'sent') deps.logger.error({ year }, message);
      else deps.logger.debug({ year }, message);
    }
  }

  return {
    async loadBusinessCalendar(input: LoadBusinessCalendarInput): Promise<BusinessCalendar> {
      if (!Number.isInteger(input.fromYear) || input.toYear < input.fromYear || input.toYear - input.fromYear > 10) {
        throw ApplicationFailure.nonRetryable(`bad calendar range ${input.fromYear}–${input.toYear}`, 'BadInput');
      }
      const presets = new Map<number, HolidayPreset | undefined>();
      for (let year = input.fromYear; year <= input.toYear; year++) presets.set(year, await presetOf(year));
      const rows = await deps.db.kysely
        .selectFrom('calendar_closures')
        .select(['closed_on', 'reason', 'kind'])
        .where('closed_on', '>=', `${input.fromYear}-01-01`)
        .where('closed_on', '<=', `${input.toYear}-12-31`)
        .execute();
      const closures: CalendarClosure[] = rows.map((r) => ({ date: r.closed_on, reason: r.reason, kind: r.kind }));
      const calendar = composeBusinessCalendar({ ...input, presets, closures });
      await alertMissingYears(calendar.missingYears);
      return calendar;
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;

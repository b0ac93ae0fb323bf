import { ApplicationFailure } from '@temporalio/common';
import type { BusinessCalendar } from '../../schemas/calendar/business-calendar';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import type { MailActivities } from '../mail/mail.activities';
import { readBusinessCalendar } from './read-business-calendar';

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
            `Fix: update the package, or enter the gazette's holidays for ${year}: ` +
            `npm run cli -- calendar close <date> --holiday --reason <name>.\n`,
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
      const calendar = await readBusinessCalendar(deps.db.kysely, input);
      await alertMissingYears(calendar.missingYears);
      return calendar;
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;

import {
  addBusinessHours,
  ALERT_WINDOW_CLOSE_HOUR,
  CalendarGapError,
  nextWindowOpening,
  type BusinessCalendar,
} from './business-calendar';
import { kstDateOf, kstInstant, MS_PER_HOUR } from './kst';

/*
 * The anomaly workflow's timing decisions, pure, so the workflow file stays a thin orchestration and every rule is
 * unit-tested. A year without calendar data is a value ('gap'), not an exception, so the workflow can wait for it.
 */

/** Error type of the mail activity's failure when an attempt would send after the alert window closed. */
export const ALERT_WINDOW_CLOSED = 'AlertWindowClosed';
/** Unacknowledged this long (in business hours) after the alert → escalation to the second list. */
export const ESCALATION_BUSINESS_HOURS = 2;
/** How long a workflow waits before it asks the calendar again when a year has no data. */
export const CALENDAR_GAP_RECHECK_MS = 6 * MS_PER_HOUR;

export type SendTiming =
  { kind: 'send'; windowClosesAt: number } | { kind: 'wait'; until: number } | { kind: 'gap'; year: number };

function orGap<T>(decide: () => T): T | { kind: 'gap'; year: number } {
  try {
    return decide();
  } catch (error) {
    if (error instanceof CalendarGapError) return { kind: 'gap', year: error.year };
    throw error;
  }
}

/** Whether a mail may go out at `nowMs` (and until when), or when the next alert window opens. */
export function sendTiming(nowMs: number, calendar: BusinessCalendar): SendTiming {
  return orGap((): SendTiming => {
    const opening = nextWindowOpening(nowMs, calendar);
    if (opening > nowMs) return { kind: 'wait', until: opening };
    return { kind: 'send', windowClosesAt: kstInstant(kstDateOf(nowMs), ALERT_WINDOW_CLOSE_HOUR) };
  });
}

/** When an alert sent at `alertedMs` escalates if nobody acknowledges it. */
export function escalationDue(
  alertedMs: number,
  calendar: BusinessCalendar,
): { kind: 'at'; at: number } | { kind: 'gap'; year: number } {
  return orGap(() => ({ kind: 'at' as const, at: addBusinessHours(alertedMs, ESCALATION_BUSINESS_HOURS, calendar) }));
}

import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { log, sleep } from '@temporalio/workflow';
import { ALERT_WINDOW_CLOSED, CALENDAR_GAP_RECHECK_MS, sendTiming } from '../schemas/calendar/alert-timing';
import { calendarYearsFor, type BusinessCalendar } from '../schemas/calendar/business-calendar';

/*
 * The batch alert's "wait for the alert window, then send" loop. anomalyWorkflow has its own loop (it also stops
 * waiting on signals); sharing one would change its command sequence, so its committed histories would not replay.
 */

export interface SendInAlertWindowOptions<T> {
  /** The business calendar for the years around `ms` (an activity, so the data used is in the history). */
  loadCalendar(years: { fromYear: number; toYear: number }): Promise<BusinessCalendar>;
  /** Sends; must refuse (ALERT_WINDOW_CLOSED, non-retryable) an attempt at or after `windowClosesAt`. */
  send(window: { at: string; windowClosesAt: string }): Promise<T>;
  /** Told the instant the send waits for (ISO), or null when it goes out. */
  onWait(until: string | null): void;
  summary: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Sends inside an alert window: now if one is open, else on a durable timer at the next opening; again if missed. */
export async function sendInAlertWindow<T>(options: SendInAlertWindowOptions<T>): Promise<T> {
  for (;;) {
    // The workflow clock: the (deterministic) time of the current workflow task.
    const now = new Date().getTime();
    const timing = sendTiming(now, await options.loadCalendar(calendarYearsFor(now)));
    if (timing.kind === 'send') {
      options.onWait(null);
      try {
        return await options.send({ at: iso(now), windowClosesAt: iso(timing.windowClosesAt) });
      } catch (error) {
        if (!isWindowClosed(error)) throw error;
        log.warn('alert window closed before the mail went out; waiting for the next one', { what: options.summary });
        continue;
      }
    }
    if (timing.kind === 'gap') log.error('no business calendar for a year; asking again later', { year: timing.year });
    const until = timing.kind === 'wait' ? timing.until : now + CALENDAR_GAP_RECHECK_MS;
    options.onWait(iso(until));
    await sleep(until - now);
  }
}

function isWindowClosed(error: unknown): boolean {
  return (
    error instanceof ActivityFailure &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === ALERT_WINDOW_CLOSED
  );
}

import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { condition, log, patched, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { AnomalyWorkflowActivities } from '../activities/anomalies/anomaly-workflow.activities';
import type { CalendarActivities } from '../activities/calendar/business-calendar.activities';
import type { MailActivities, SentMail } from '../activities/mail/mail.activities';
import type { AnomalyWorkflowInput, AnomalyWorkflowState, ReviewSignalInput } from '../schemas/anomaly-workflow';
import {
  ALERT_WINDOW_CLOSED,
  CALENDAR_GAP_RECHECK_MS,
  escalationDue,
  sendTiming,
} from '../schemas/calendar/alert-timing';
import { calendarYearsFor } from '../schemas/calendar/business-calendar';
import { UTI } from '../schemas/search-attributes';
import { ACTIVITY_PROFILES } from './activity-profiles';
import { listenToAnomalySignals } from './anomaly-signals';
import { correctReportedTrade } from './correction-after-review';

const db = proxyActivities<AnomalyWorkflowActivities & CalendarActivities>(ACTIVITY_PROFILES.anomalyDb);
const mail = proxyActivities<MailActivities>(ACTIVITY_PROFILES.mail);

const iso = (ms: number) => new Date(ms).toISOString();
/** The workflow clock: `new Date()` in workflow code is the (deterministic) time of the current workflow task. */
const workflowNow = () => new Date().getTime();

/**
 * One flagged trade event (DESIGN Data flow 5). Id `anomaly-<eventKey>`, started by signal-with-start of DETECTED.
 * Alerts ALERT_TO inside the alert window ([09:00, 15:00) KST on business days) or waits on a durable timer for
 * the next one; escalates to ESCALATION_TO after 2 business hours without an acknowledgement (again only inside a
 * window); ends with the first review, which starts a correction report when it changes an already-reported trade.
 * Decisions: an acknowledgement or review that arrives before the alert went out means staff already have it, so
 * no alert (and no escalation) is sent; a review ends the run at once.
 */
export async function anomalyWorkflow(input: AnomalyWorkflowInput): Promise<AnomalyWorkflowState> {
  const state: AnomalyWorkflowState = {
    eventKey: input.eventKey,
    status: 'waiting_for_window',
    waitingUntil: null,
    alertSentAt: null,
    escalatedAt: null,
    acknowledgedBy: null,
    review: null,
    detections: 0,
  };
  const inbox = listenToAnomalySignals(state);
  let ackRecorded = false;
  upsertSearchAttributes([{ key: UTI, value: input.uti }]);

  const settled = () => inbox.ack !== undefined || inbox.review !== undefined;
  const calendarAt = (ms: number) => db.loadBusinessCalendar(calendarYearsFor(ms));

  /** Sends one mail inside an alert window, waiting for the next window as often as needed; undefined if settled. */
  async function sendInWindow(kind: 'alert' | 'escalation'): Promise<SentMail | undefined> {
    for (;;) {
      if (settled()) return undefined;
      const now = workflowNow();
      const timing = sendTiming(now, await calendarAt(now));
      if (timing.kind === 'send') {
        state.waitingUntil = null;
        try {
          const at = iso(now);
          return await mail.sendAnomalyMail({
            eventKey: input.eventKey,
            kind,
            at,
            windowClosesAt: iso(timing.windowClosesAt),
          });
        } catch (error) {
          if (!isWindowClosed(error)) throw error;
          log.warn('alert window closed before the mail went out; waiting for the next one', { kind });
          continue;
        }
      }
      if (timing.kind === 'gap')
        log.error('no business calendar for a year; asking again later', { year: timing.year });
      const until = timing.kind === 'wait' ? timing.until : now + CALENDAR_GAP_RECHECK_MS;
      state.waitingUntil = iso(until);
      await condition(settled, until - now, { summary: `${kind}: wait for the alert window` });
    }
  }

  async function recordAck(): Promise<void> {
    const ack = inbox.ack;
    if (!ack || ackRecorded) return;
    ackRecorded = true;
    state.acknowledgedBy = ack.by;
    if (!inbox.review) state.status = 'acknowledged';
    await db.recordAnomalyReview({
      reviewId: ack.reviewId,
      eventKey: input.eventKey,
      action: 'acknowledge',
      comment: null,
      actor: ack.by,
      at: iso(workflowNow()),
    });
  }

  const alert = await sendInWindow('alert');
  if (alert) {
    state.alertSentAt = alert.date;
    state.status = 'alerted';
    await db.markAnomalyStatus({ eventKey: input.eventKey, status: 'alerted' });
    await waitThenEscalate(Date.parse(alert.date));
  }
  while (!inbox.review) {
    await recordAck();
    await condition(() => inbox.review !== undefined || (inbox.ack !== undefined && !ackRecorded));
  }
  await recordAck();
  return finish(inbox.review);

  async function waitThenEscalate(alertedMs: number): Promise<void> {
    for (;;) {
      const due = escalationDue(alertedMs, await calendarAt(alertedMs));
      if (due.kind === 'at') {
        if (due.at > workflowNow())
          await condition(settled, due.at - workflowNow(), { summary: 'escalation deadline' });
        break;
      }
      log.error('no business calendar for a year; asking again later', { year: due.year });
      if (await condition(settled, CALENDAR_GAP_RECHECK_MS)) return;
    }
    const escalation = await sendInWindow('escalation');
    if (!escalation) return;
    state.escalatedAt = escalation.date;
    state.status = 'escalated';
    await db.markAnomalyStatus({ eventKey: input.eventKey, status: 'escalated' });
  }

  async function finish(decision: ReviewSignalInput): Promise<AnomalyWorkflowState> {
    const at = iso(workflowNow());
    await db.recordAnomalyReview({
      reviewId: decision.reviewId,
      eventKey: input.eventKey,
      action: decision.decision,
      comment: decision.comment,
      actor: decision.reviewer,
      at,
    });
    state.review = { ...decision, at };
    state.status = decision.decision === 'confirm' ? 'confirmed' : 'dismissed';
    state.waitingUntil = null;
    // Runs that ended before this step existed replay without it.
    if (patched('correction-after-review'))
      await correctReportedTrade({ eventKey: input.eventKey, reviewId: decision.reviewId });
    return state;
  }
}

function isWindowClosed(error: unknown): boolean {
  return (
    error instanceof ActivityFailure &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === ALERT_WINDOW_CLOSED
  );
}

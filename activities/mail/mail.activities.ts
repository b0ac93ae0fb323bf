import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ALERT_WINDOW_CLOSED } from '../../schemas/calendar/alert-timing';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { buildAnomalyMail, type AnomalyMailKind, type MailContent } from './anomaly-mail-content';
import { loadAnomalyMailData } from './anomaly-mail-data';
import { claimMessage, markMessageSent, type MailClaim } from './mail-ledger';

/** The part of a nodemailer transport we use. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    messageId: string;
    date: Date;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

export interface MailSettings {
  from: string;
  alertTo: string[];
  escalationTo: string[];
  operationsTo: string[];
  /** Base of the web UI: the anomaly page is `${appBaseUrl}/anomalies/<eventKey>`. */
  appBaseUrl: string;
}

export interface MailDeps {
  db: Db;
  transport: MailTransport;
  logger: Logger;
  clock: () => Date;
  settings: MailSettings;
}

export interface SendAnomalyMailInput {
  eventKey: string;
  kind: AnomalyMailKind;
  /** Workflow time when the workflow decided to send (ISO): the Date header, unless a retry runs later. */
  at: string;
  /** The alert window's close (ISO): an attempt scheduled at or after it fails with ALERT_WINDOW_CLOSED. */
  windowClosesAt: string;
}

export interface SendOperationsMailInput {
  /** Idempotency key: one operations e-mail per key, ever (e.g. `calendar-2028`). */
  key: string;
  subject: string;
  text: string;
}

export interface SentMail {
  messageId: string;
  outcome: 'sent' | 'already-sent';
  /** The Date header of the message, ISO. */
  date: string;
}

/** Server time of this attempt (Temporal's clock, which the time-skipping test server moves), else the clock. */
function attemptTime(clock: () => Date): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return clock().getTime();
  }
}

/** Anomaly alerts, escalations and operations alerts by e-mail, each sent at most once per (subject, kind). */
export function createMailActivities(deps: MailDeps) {
  const { db, transport, settings, logger } = deps;
  const domain = settings.from.split('@')[1] ?? 'swap-reporting.local';

  async function deliver(claim: MailClaim, content: MailContent, date: Date): Promise<SentMail> {
    const status = await claimMessage(db.kysely, claim);
    if (status === 'sent') return { messageId: claim.messageId, outcome: 'already-sent', date: date.toISOString() };
    // Not sent yet, or sent and then crashed before marking: (re)send with the same Message-ID.
    await transport.sendMail({
      from: settings.from,
      to: claim.recipients,
      subject: content.subject,
      text: content.text,
      messageId: claim.messageId,
      date,
      headers: { 'X-Swap-Kind': claim.kind },
    });
    await markMessageSent(db.kysely, claim.messageId, deps.clock());
    logger.info({ messageId: claim.messageId, kind: claim.kind, to: claim.recipients }, 'mail sent');
    return { messageId: claim.messageId, outcome: 'sent', date: date.toISOString() };
  }

  return {
    /** The alert or escalation e-mail of one anomaly; idempotent by its Message-ID `<kind.eventKey@domain>`. */
    async sendAnomalyMail(input: SendAnomalyMailInput): Promise<SentMail> {
      const now = attemptTime(deps.clock);
      if (now >= Date.parse(input.windowClosesAt)) {
        throw ApplicationFailure.nonRetryable(
          `the alert window closed at ${input.windowClosesAt}`,
          ALERT_WINDOW_CLOSED,
        );
      }
      const data = await loadAnomalyMailData(db.kysely, input.eventKey);
      if (!data) {
        // Retried (visibly, with backoff) rather than failed: a detector that signals before its insert commits
        // must not cost the alert.
        throw ApplicationFailure.retryable(`no anomaly row for ${input.eventKey} (yet)`, 'AnomalyNotFound');
      }
      const link = `${settings.appBaseUrl.replace(/\/$/, '')}/anomalies/${input.eventKey}`;
      const content = buildAnomalyMail(input.kind, data, link);
      const recipients = input.kind === 'alert' ? settings.alertTo : settings.escalationTo;
      const claim: MailClaim = {
        messageId: `<${input.kind}.${input.eventKey}@${domain}>`,
        anomalyEventKey: input.eventKey,
        batchId: null,
        kind: input.kind,
        recipients,
        subject: content.subject,
      };
      return deliver(claim, content, new Date(Math.max(Date.parse(input.at), now)));
    },

    /** An operations alert to OPERATIONS_TO, sent once per key. */
    async sendOperationsMail(input: SendOperationsMailInput): Promise<SentMail> {
      const claim: MailClaim = {
        messageId: `<operations.${input.key}@${domain}>`,
        anomalyEventKey: null,
        batchId: null,
        kind: 'operations',
        recipients: settings.operationsTo,
        subject: input.subject,
      };
      return deliver(claim, { subject: input.subject, text: input.text }, new Date(attemptTime(deps.clock)));
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createLogger } from '../../../activities/logging/logger';
import { createSmtpTransport } from '../../../activities/mail/smtp-transport';
import { kstInstant } from '../../../schemas/calendar/kst';
import { createAlertActivities } from '../../../workers/alert-activities';
import { TEST_MAIL } from '../../support/alert-harness';
import { insertAnomaly } from '../../support/anomaly-rows';
import { startSmtpCatcher, type SmtpCatcher } from '../../support/smtp-catcher';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

// The alert activities against a real PostgreSQL and a real SMTP server: idempotent sending, the window guard,
// the calendar with ad-hoc closures, and the operations alert for a year without holiday data.
let database: TestDatabase;
let smtp: SmtpCatcher;
let activities: ReturnType<typeof createAlertActivities>;
const inWindow = kstInstant('2026-11-26', 10);

before(async () => {
  [database, smtp] = await Promise.all([createTestDatabase('mail'), startSmtpCatcher()]);
  activities = createAlertActivities({
    db: database.db,
    logger: createLogger({ service: 'test-mail', level: 'error' }),
    clock: () => new Date(),
    transport: createSmtpTransport({ url: smtp.url }),
    settings: TEST_MAIL,
  });
});
after(async () => {
  await smtp.stop();
  await database.drop();
});

/** Runs an activity as Temporal would, with the attempt scheduled at `attemptMs` (server time). */
function runAt<A, R>(attemptMs: number, fn: (input: A) => Promise<R>, input: A): Promise<R> {
  return new MockActivityEnvironment(
    { currentAttemptScheduledTimestampMs: attemptMs },
    { logger: new DefaultLogger('ERROR') },
  ).run(fn, input);
}

describe('sendAnomalyMail', () => {
  it('re-sends with the same Message-ID after a crash between sending and marking, then never again', async () => {
    const { eventKey } = await insertAnomaly(database.db.kysely, {
      label: 'crash',
      n: 1,
      executionTs: '2026-11-26T00:30:00Z',
    });
    const messageId = `<alert.${eventKey}@bank.example>`;
    // What a crashed attempt leaves behind: claimed, maybe sent, not marked.
    await database.db.kysely
      .insertInto('alert_messages')
      .values({
        message_id: messageId,
        anomaly_event_key: eventKey,
        batch_id: null,
        kind: 'alert',
        recipients: ['x@y.z'],
        subject: 's',
      })
      .execute();
    const input = {
      eventKey,
      kind: 'alert' as const,
      at: new Date(inWindow).toISOString(),
      windowClosesAt: new Date(kstInstant('2026-11-26', 15)).toISOString(),
    };
    const first = await runAt(inWindow, activities.sendAnomalyMail, input);
    assert.deepEqual([first.outcome, first.messageId], ['sent', messageId]);
    const again = await runAt(inWindow + 5000, activities.sendAnomalyMail, input);
    assert.equal(again.outcome, 'already-sent');
    await smtp.waitFor((m) => m.headers.get('message-id') === messageId);
    assert.equal(smtp.find('message-id', messageId).length, 1);
    const row = await database.db.kysely
      .selectFrom('alert_messages')
      .selectAll()
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.ok(row.sent_at);
  });

  it('refuses an attempt scheduled after the alert window closed, and sends nothing', async () => {
    const { eventKey } = await insertAnomaly(database.db.kysely, {
      label: 'late',
      n: 2,
      executionTs: '2026-11-26T05:00:00Z',
    });
    const closes = kstInstant('2026-11-26', 15);
    await assert.rejects(
      runAt(closes, activities.sendAnomalyMail, {
        eventKey,
        kind: 'alert',
        at: new Date(closes - 60_000).toISOString(),
        windowClosesAt: new Date(closes).toISOString(),
      }),
      (e: unknown) => e instanceof ApplicationFailure && e.type === 'AlertWindowClosed' && e.nonRetryable,
    );
    assert.equal(smtp.find('message-id', eventKey).length, 0);
  });
});

describe('sendAnomalyMail without its anomaly row', () => {
  it('fails retryably (a detector may signal before its insert commits) and sends nothing', async () => {
    const eventKey = '11111111-2222-4333-8444-555555555555';
    const closes = kstInstant('2026-11-26', 15);
    await assert.rejects(
      runAt(inWindow, activities.sendAnomalyMail, {
        eventKey,
        kind: 'alert',
        at: new Date(inWindow).toISOString(),
        windowClosesAt: new Date(closes).toISOString(),
      }),
      (e: unknown) => e instanceof ApplicationFailure && e.type === 'AnomalyNotFound' && !e.nonRetryable,
    );
    assert.equal(smtp.find('message-id', eventKey).length, 0);
  });
});

describe('loadBusinessCalendar', () => {
  it('adds ad-hoc closures from calendar_closures', async () => {
    await database.db.kysely
      .insertInto('calendar_closures')
      .values({ closed_on: '2026-12-01', reason: 'KRX system outage', created_by: 'ops' })
      .execute();
    const calendar = await runAt(inWindow, activities.loadBusinessCalendar, { fromYear: 2026, toYear: 2027 });
    assert.equal(calendar.closed['2026-12-01'], 'KRX system outage');
    assert.match(calendar.closed['2026-09-25'] ?? '', /추석/);
    assert.deepEqual(calendar.missingYears, []);
  });

  it('raises one operations alert for a year without holiday data', async () => {
    const first = await runAt(inWindow, activities.loadBusinessCalendar, { fromYear: 2099, toYear: 2099 });
    const second = await runAt(inWindow, activities.loadBusinessCalendar, { fromYear: 2099, toYear: 2099 });
    assert.deepEqual(first.missingYears, [2099]);
    assert.deepEqual(second.missingYears, [2099]);
    const [mail] = await smtp.waitFor((m) => m.headers.get('message-id') === '<operations.calendar-2099@bank.example>');
    assert.deepEqual(mail!.to, TEST_MAIL.operationsTo);
    assert.match(mail!.headers.get('subject') ?? '', /no business calendar data for 2099/);
    assert.equal(smtp.find('message-id', 'operations.calendar-2099').length, 1);
  });

  it('counts a year as covered once operators entered its holidays', async () => {
    await database.db.kysely
      .insertInto('calendar_closures')
      .values({ closed_on: '2098-01-01', reason: '1월 1일', kind: 'holiday', created_by: 'ops' })
      .execute();
    const calendar = await runAt(inWindow, activities.loadBusinessCalendar, { fromYear: 2098, toYear: 2098 });
    assert.deepEqual(calendar.missingYears, []);
  });
});

describe('recordAnomalyReview', () => {
  it('records a review once per reviewId and fails for good for an anomaly that was never stored', async () => {
    const { eventKey } = await insertAnomaly(database.db.kysely, {
      label: 'review',
      n: 3,
      executionTs: '2026-11-26T01:00:00Z',
    });
    const review = { reviewId: `r-${eventKey}`, eventKey, action: 'confirm' as const, comment: 'ok', actor: 'lee' };
    const at = new Date(inWindow).toISOString();
    assert.equal(await runAt(inWindow, activities.recordAnomalyReview, { ...review, at }), true);
    assert.equal(await runAt(inWindow, activities.recordAnomalyReview, { ...review, at }), false);
    await assert.rejects(
      runAt(inWindow, activities.recordAnomalyReview, {
        ...review,
        reviewId: 'r-missing',
        eventKey: '00000000-0000-4000-8000-000000000000',
        at,
      }),
      (e: unknown) => e instanceof ApplicationFailure && e.type === 'AnomalyNotFound' && e.nonRetryable,
    );
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import {
  createBatchDetectionActivities,
  type BatchDetectionActivities,
} from '../../../activities/detection/batch-detection.activities';
import { createLogger } from '../../../activities/logging/logger';
import { kstInstant } from '../../../schemas/calendar/kst';
import { startSmtpCatcher, type SmtpCatcher } from '../../support/smtp-catcher';
import { connectClient, scratchDir } from '../../support/temporal-env';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

// sendBatchAlertMail against a real PostgreSQL and a real SMTP server: the window guard and the Date header.
let database: TestDatabase;
let smtp: SmtpCatcher;
let temporal: Awaited<ReturnType<typeof connectClient>>;
let activities: BatchDetectionActivities;

before(async () => {
  [database, smtp, temporal] = await Promise.all([
    createTestDatabase('batchmail'),
    startSmtpCatcher(),
    connectClient(),
  ]);
  activities = createBatchDetectionActivities({
    db: database.db,
    logger: createLogger({ service: 'test-batch-mail', level: 'error' }),
    clock: () => new Date(),
    temporal: temporal.client,
    workflowTaskQueue: 'unused',
    gpuTaskQueue: 'unused',
    reportsDir: path.join(scratchDir('batch-mail'), 'reports'),
    defaultChunkRows: 1000,
    alert: {
      threshold: 1,
      recipients: ['ops@bank.example'],
      from: 'swap@bank.example',
      transport: createTransport(smtp.url),
    },
  });
});
after(async () => {
  await smtp.stop();
  await temporal.close();
  await database.drop();
});

/** Runs an activity as Temporal would, with the attempt scheduled at `attemptMs` (server time). */
function runAt<A, R>(attemptMs: number, fn: (input: A) => Promise<R>, input: A): Promise<R> {
  return new MockActivityEnvironment(
    { currentAttemptScheduledTimestampMs: attemptMs },
    { logger: new DefaultLogger('ERROR') },
  ).run(fn, input);
}

const closes = kstInstant('2026-11-26', 15);
const summary = (batchId: string) => ({
  batchId,
  from: '2026-11-25T00:00:00.000Z',
  to: '2026-11-26T00:00:00.000Z',
  newAnomalies: 4,
  trades: 100,
  reportPath: null,
  windowClosesAt: new Date(closes).toISOString(),
});

describe('sendBatchAlertMail', () => {
  it('refuses for good an attempt scheduled when the alert window has closed, and sends nothing', async () => {
    await assert.rejects(
      runAt(closes, activities.sendBatchAlertMail, { ...summary('late'), at: new Date(closes - 60_000).toISOString() }),
      (e: unknown) => e instanceof ApplicationFailure && e.type === 'AlertWindowClosed' && e.nonRetryable,
    );
    assert.equal(smtp.find('message-id', '<batch.late@').length, 0);
    const rows = await database.db.kysely.selectFrom('alert_messages').select('message_id').execute();
    assert.deepEqual(rows, []);
  });

  it('sends inside the window dated at the workflow time, and only once', async () => {
    const at = kstInstant('2026-11-26', 9);
    const input = { ...summary('monday'), at: new Date(at).toISOString() };
    const first = await runAt(at - 5000, activities.sendBatchAlertMail, input);
    assert.equal(first.date, new Date(at).toISOString());
    const [mail] = await smtp.waitFor((m) => m.headers.get('message-id') === '<batch.monday@swap-reporting>');
    assert.equal(Date.parse(mail!.headers.get('date') ?? ''), at);
    assert.match(mail!.headers.get('subject') ?? '', /found 4 new anomalies/);
    await runAt(at + 60_000, activities.sendBatchAlertMail, input);
    assert.equal(smtp.find('message-id', '<batch.monday@').length, 1);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BATCH_DETECTION_STATE_QUERY,
  type BatchDetectionResult,
  type BatchDetectionState,
} from '../../../schemas/batch-detection';
import { isBusinessDay } from '../../../schemas/calendar/business-calendar';
import { addDays, kstDateOf, kstInstant, weekdayOf } from '../../../schemas/calendar/kst';
import { startAlertSuite, type AlertSuite } from '../../support/alert-harness';
import { BATCH_ALERT_TO, insertLargeTrades, withBatchTimeSkipping } from '../../support/batch-window-harness';
import { realCalendar, showKst } from '../../support/calendar-fixture';
import { recordHistory } from '../../support/record-history';
import type { CaughtMail } from '../../support/smtp-catcher';

// batchDetectionWorkflow's batch alert on sdk-java's time-skipping server, with the production activities against a
// real PostgreSQL and a real SMTP server on loopback: the alert goes out only inside [09:00, 15:00) KST.
let suite: AlertSuite;
before(async () => {
  suite = await startAlertSuite();
});
after(async () => {
  await suite.close();
});

/** The first date after `nowMs` (KST) for which `pick` holds, from the real calendar data. */
async function firstDate(nowMs: number, pick: (date: string, business: (d: string) => boolean) => boolean) {
  const year = Number(kstDateOf(nowMs).slice(0, 4));
  const calendar = await realCalendar(year, year + 2);
  const business = (d: string) => isBusinessDay(d, calendar);
  let date = addDays(kstDateOf(nowMs), 1);
  for (let i = 0; i < 366; i++, date = addDays(date, 1)) if (pick(date, business)) return date;
  throw new Error('no suitable date within a year: is the holiday data exhausted?');
}

const batchMails = (batchId: string) =>
  suite.smtp.messages.filter((m) => m.headers.get('message-id')?.startsWith(`<batch.${batchId}`));
function assertSentAt(mail: CaughtMail, ms: number) {
  const at = Date.parse(mail.headers.get('date') ?? '');
  assert.ok(at >= ms - 1000 && at < ms + 60_000, `sent ${showKst(at)} KST, expected ${showKst(ms)} KST`);
}

describe('batch alert inside the alert window', { timeout: 300_000 }, () => {
  it('a batch run Saturday 11:00 KST writes its report at once and mails the alert Monday 09:00', async () => {
    await withBatchTimeSkipping(suite, async (run) => {
      const saturday = await firstDate(await run.now(), (d, business) => weekdayOf(d) === 6 && business(addDays(d, 2)));
      const monday = addDays(saturday, 2);
      await run.skipTo(kstInstant(saturday, 11));
      const tradesAt = kstInstant(saturday, 10);
      await insertLargeTrades(suite.database.db.kysely, { label: 'saturday', firstN: 100, count: 3, ms: tradesAt });
      const workflowId = `batch-saturday-${saturday}`;
      const handle = await run.client.workflow.start('batchDetectionWorkflow', {
        workflowId,
        taskQueue: run.taskQueue,
        args: [{ from: new Date(tradesAt).toISOString(), to: new Date(tradesAt + 60_000).toISOString() }],
      });

      // Sunday evening: the report is written, the alert waits for Monday 09:00 and nothing is sent.
      await run.skipTo(kstInstant(monday, 9) - 60_000);
      const pending = await handle.query<BatchDetectionState>(BATCH_DETECTION_STATE_QUERY);
      assert.equal(pending.phase, 'alert_pending');
      assert.equal(pending.alertPendingUntil, new Date(kstInstant(monday, 9)).toISOString());
      assert.equal(pending.newAnomalies, 3);
      assert.ok(pending.reportPath, 'the report is written before the alert');
      assert.equal(pending.alertSent, false);
      assert.equal(batchMails(pending.batchId).length, 0, 'no batch alert at the weekend');

      await run.skipTo(kstInstant(monday, 9) + 60_000);
      const result = (await handle.result()) as BatchDetectionResult;
      assert.equal(result.alertSent, true);
      const [mail] = await suite.smtp.waitFor(
        (m) => m.headers.get('message-id')?.startsWith(`<batch.${result.batchId}`) ?? false,
      );
      assertSentAt(mail!, kstInstant(monday, 9));
      assert.deepEqual(mail!.to, BATCH_ALERT_TO);
      assert.match(mail!.headers.get('subject') ?? '', /batch detection found 3 new anomalies/);
      const header = Date.parse(mail!.headers.get('date') ?? '');
      assert.ok(Math.abs(Date.parse(result.alertSentAt ?? '') - header) < 1000, `alertSentAt ${result.alertSentAt}`);
      const done = await handle.query<BatchDetectionState>(BATCH_DETECTION_STATE_QUERY);
      assert.deepEqual([done.phase, done.alertPendingUntil], ['done', null]);
      await recordHistory(run.client, workflowId, 'batch-detection-alert-in-window');
    });
  });

  it('a batch run on a business day at 10:00 KST mails the alert at once', async () => {
    await withBatchTimeSkipping(suite, async (run) => {
      const day = await firstDate(await run.now(), (d, business) => business(d));
      await run.skipTo(kstInstant(day, 10));
      const tradesAt = kstInstant(day, 9) + 30 * 60_000;
      await insertLargeTrades(suite.database.db.kysely, { label: 'weekday', firstN: 200, count: 2, ms: tradesAt });
      const result = (await run.client.workflow.execute('batchDetectionWorkflow', {
        workflowId: `batch-weekday-${day}`,
        taskQueue: run.taskQueue,
        args: [{ from: new Date(tradesAt).toISOString(), to: new Date(tradesAt + 60_000).toISOString() }],
      })) as BatchDetectionResult;
      assert.equal(result.newAnomalies, 2);
      assert.equal(result.alertSent, true);
      const mails = batchMails(result.batchId);
      assert.equal(mails.length, 1);
      assertSentAt(mails[0]!, kstInstant(day, 10));
    });
  });
});

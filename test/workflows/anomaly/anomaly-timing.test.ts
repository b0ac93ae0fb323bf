import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kstInstant } from '../../../schemas/calendar/kst';
import { REVIEW_SIGNAL } from '../../../schemas/anomaly-workflow';
import { startAlertSuite, TEST_MAIL, withTimeSkipping, type AlertSuite } from '../../support/alert-harness';
import { showKst } from '../../support/calendar-fixture';
import { recordHistory } from '../../support/record-history';
import type { CaughtMail } from '../../support/smtp-catcher';
import { businessDay, fridayBeforeWorkingMonday, nextChuseok } from './scenario-dates';

// anomalyWorkflow's long timers on sdk-java's time-skipping test server, with the production activities against a
// real PostgreSQL and a real SMTP server on loopback. Each scenario has its own server (its clock only moves forward).
let suite: AlertSuite;
before(async () => {
  suite = await startAlertSuite();
});
after(async () => {
  await suite.close();
});

const mailsOf = (eventKey: string, kind: 'alert' | 'escalation') =>
  suite.smtp.find('message-id', `<${kind}.${eventKey}@`);
const dateOf = (mail: CaughtMail) => Date.parse(mail.headers.get('date') ?? '');
/** The Date header lies in the minute starting at `ms` (the header has whole seconds). */
function assertSentAt(mail: CaughtMail, ms: number) {
  const at = dateOf(mail);
  assert.ok(at >= ms - 1000 && at < ms + 60_000, `sent ${showKst(at)} KST, expected ${showKst(ms)} KST`);
}

describe('anomalyWorkflow timing', { timeout: 300_000 }, () => {
  it('mails an anomaly found Friday 16:00 KST on Monday 09:00, never before', async () => {
    await withTimeSkipping(suite, async (run) => {
      const { friday, monday } = await fridayBeforeWorkingMonday(await run.now());
      await run.skipTo(kstInstant(friday, 16));
      const { eventKey, workflowId } = await run.detect('friday-16', 1);
      await run.skipTo(kstInstant(monday, 9) - 60_000);
      const waiting = await run.state(workflowId);
      assert.equal(waiting.status, 'waiting_for_window');
      assert.equal(waiting.waitingUntil, new Date(kstInstant(monday, 9)).toISOString());
      assert.equal(mailsOf(eventKey, 'alert').length, 0, 'nothing is sent before the window opens');

      await run.skipTo(kstInstant(monday, 9) + 60_000);
      const [mail] = await suite.smtp.waitFor((m) => m.headers.get('message-id')?.includes(eventKey) ?? false);
      assertSentAt(mail!, kstInstant(monday, 9));
      assert.equal(mail!.headers.get('message-id'), `<alert.${eventKey}@bank.example>`);
      assert.deepEqual(mail!.to, TEST_MAIL.alertTo);
      assert.match(mail!.headers.get('subject') ?? '', /Anomaly: IRS 10,000,000,000 KRW UTI /);
      // The trade, the reasons (rules, ensemble and member scores, top features) and the link.
      for (const part of [
        `${TEST_MAIL.appBaseUrl}/anomalies/${eventKey}`,
        'notional_above_threshold: notional 10,000,000,000 KRW above the IRS limit',
        'Ensemble score: 0.9321 (model v-test)',
        'iforest: 0.8800 (flags it)',
        'iforest: log_notional_z (0.612)',
        'Desk 금리스왑데스크',
        'Action / event: NEWT / TRAD',
      ]) {
        assert.ok(mail!.body.includes(part), `body lacks "${part}":\n${mail!.body}`);
      }
      const state = await run.state(workflowId);
      assert.equal(state.status, 'alerted');
      assert.ok(Math.abs(Date.parse(state.alertSentAt ?? '') - dateOf(mail!)) < 1000, `${state.alertSentAt}`);
    });
  });

  it('waits past Chuseok for an anomaly found on its eve', async () => {
    await withTimeSkipping(suite, async (run) => {
      const chuseok = await nextChuseok(await run.now());
      await run.skipTo(kstInstant(chuseok.eve, 16));
      const { eventKey } = await run.detect('chuseok-eve', 2);
      // Through every holiday of the run, in the middle of what would be the window.
      for (const holiday of chuseok.holidays) await run.skipTo(kstInstant(holiday, 12));
      await run.skipTo(kstInstant(chuseok.reopens, 9) - 1000);
      assert.equal(mailsOf(eventKey, 'alert').length, 0, `nothing sent during ${chuseok.holidays.join(', ')}`);
      await run.skipTo(kstInstant(chuseok.reopens, 9) + 60_000);
      const [mail] = await suite.smtp.waitFor((m) => m.headers.get('message-id')?.includes(eventKey) ?? false);
      assertSentAt(mail!, kstInstant(chuseok.reopens, 9));
    });
  });

  it('mails an anomaly found at 10:00 at once and escalates it at 12:00 without an acknowledgement', async () => {
    await withTimeSkipping(suite, async (run) => {
      const { day } = await businessDay(await run.now());
      await run.skipTo(kstInstant(day, 10));
      const { eventKey, workflowId } = await run.detect('ten-oclock', 3);
      const [alert] = await suite.smtp.waitFor(
        (m) => m.headers.get('message-id')?.includes(`alert.${eventKey}`) ?? false,
      );
      assertSentAt(alert!, kstInstant(day, 10));

      await run.skipTo(kstInstant(day, 12) - 60_000);
      assert.equal(mailsOf(eventKey, 'escalation').length, 0, 'no escalation before 2 business hours');
      await run.skipTo(kstInstant(day, 12) + 60_000);
      const [escalation] = await suite.smtp.waitFor(
        (m) => m.headers.get('message-id')?.includes(`escalation.${eventKey}`) ?? false,
      );
      assertSentAt(escalation!, kstInstant(day, 12));
      assert.deepEqual(escalation!.to, TEST_MAIL.escalationTo);
      assert.match(escalation!.headers.get('subject') ?? '', /ESCALATION/);
      const state = await run.state(workflowId);
      assert.equal(state.status, 'escalated');
      const row = await suite.database.db.kysely
        .selectFrom('anomalies')
        .select('status')
        .where('event_key', '=', eventKey)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'escalated');

      // A confirmation ends it; the whole run is the committed golden history of this workflow.
      const handle = run.client.workflow.getHandle(workflowId);
      await handle.signal(REVIEW_SIGNAL, {
        reviewId: `rev-${eventKey}`,
        decision: 'confirm',
        comment: 'off-market',
        reviewer: 'lee',
      });
      const result = await handle.result();
      assert.equal(result.status, 'confirmed');
      assert.equal(result.escalatedAt, state.escalatedAt);
      await recordHistory(run.client, workflowId, 'anomaly-alerted-escalated');
    });
  });

  it('does not escalate an acknowledged alert', async () => {
    await withTimeSkipping(suite, async (run) => {
      const { day, next } = await businessDay(await run.now());
      await run.skipTo(kstInstant(day, 10));
      const { eventKey, workflowId } = await run.detect('acknowledged', 4);
      await suite.smtp.waitFor((m) => m.headers.get('message-id')?.includes(`alert.${eventKey}`) ?? false);
      await run.skipTo(kstInstant(day, 10.5));
      await run.client.workflow
        .getHandle(workflowId)
        .signal('acknowledge', { reviewId: `ack-${eventKey}`, by: 'kim.ops' });
      await run.skipTo(kstInstant(next, 14));
      assert.equal(mailsOf(eventKey, 'escalation').length, 0);
      const state = await run.state(workflowId);
      assert.equal(state.status, 'acknowledged');
      assert.equal(state.acknowledgedBy, 'kim.ops');
      assert.equal(state.escalatedAt, null);
      const audit = await suite.database.db.kysely
        .selectFrom('anomaly_reviews')
        .select(['action', 'actor'])
        .where('anomaly_event_key', '=', eventKey)
        .execute();
      assert.deepEqual(audit, [{ action: 'acknowledge', actor: 'kim.ops' }]);

      const handle = run.client.workflow.getHandle(workflowId);
      await handle.signal(REVIEW_SIGNAL, {
        reviewId: `rev-${eventKey}`,
        decision: 'confirm',
        comment: '',
        reviewer: 'lee',
      });
      const result = await handle.result();
      assert.equal(result.status, 'confirmed');
      assert.equal(result.acknowledgedBy, 'kim.ops');
      const actions = await suite.database.db.kysely
        .selectFrom('anomaly_reviews')
        .select('action')
        .where('anomaly_event_key', '=', eventKey)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        ['acknowledge', 'confirm'],
      );
      await recordHistory(run.client, workflowId, 'anomaly-acknowledged-confirmed');
    });
  });

  it('ends with a review, recorded in the audit log; a review before the alert means no alert', async () => {
    await withTimeSkipping(suite, async (run) => {
      const { friday, monday } = await fridayBeforeWorkingMonday(await run.now());
      await run.skipTo(kstInstant(friday, 16));
      const { eventKey, workflowId } = await run.detect('reviewed-early', 5);
      await run.skipTo(kstInstant(friday, 17));
      const handle = run.client.workflow.getHandle(workflowId);
      await handle.signal(REVIEW_SIGNAL, {
        reviewId: `rev-${eventKey}`,
        decision: 'dismiss',
        comment: '정상 거래 (booked twice by the desk)',
        reviewer: 'lee.compliance',
      });
      await run.skipTo(kstInstant(monday, 10));
      assert.equal(mailsOf(eventKey, 'alert').length, 0, 'a reviewed anomaly is not alerted afterwards');
      // Awaiting the result lets the server skip time freely, so it comes last.
      const result = await handle.result();
      assert.equal(result.status, 'dismissed');
      assert.equal(result.alertSentAt, null);
      assert.equal(result.review?.comment, '정상 거래 (booked twice by the desk)');
      await recordHistory(run.client, workflowId, 'anomaly-reviewed-before-alert');
      const audit = await suite.database.db.kysely
        .selectFrom('anomaly_reviews')
        .select(['review_id', 'action', 'comment', 'actor'])
        .where('anomaly_event_key', '=', eventKey)
        .execute();
      assert.deepEqual(audit, [
        {
          review_id: `rev-${eventKey}`,
          action: 'dismiss',
          comment: '정상 거래 (booked twice by the desk)',
          actor: 'lee.compliance',
        },
      ]);
      const row = await suite.database.db.kysely
        .selectFrom('anomalies')
        .select('status')
        .where('event_key', '=', eventKey)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'dismissed');
    });
  });
});

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, it } from 'node:test';
import { kstInstant } from '../../../schemas/calendar/kst';
import { startAlertSuite, withTimeSkipping, type AlertSuite } from '../../support/alert-harness';
import { businessDay } from '../../workflows/anomaly/scenario-dates';

// SMTP down while alerts are due: the mail activities fail and Temporal retries them with backoff; when SMTP is
// back every alert arrives, each exactly once (one Message-ID each), and the ledger says sent. Runs on the
// time-skipping server positioned at 10:00 KST of a business day (the dev server's real clock may be outside the
// alert window, where nothing may be sent); its clock runs at real speed here, as nothing unlocks skipping.
let suite: AlertSuite;
before(async () => {
  suite = await startAlertSuite();
});
after(async () => {
  await suite.close();
});

it('delivers every alert exactly once after an SMTP outage', { timeout: 180_000 }, async () => {
  await withTimeSkipping(suite, async (run) => {
    const { day } = await businessDay(await run.now());
    await run.skipTo(kstInstant(day, 10));
    await suite.smtp.stop();
    const detected: { eventKey: string; workflowId: string }[] = [];
    for (let i = 0; i < 3; i++) detected.push(await run.detect(`outage-${i}`, 100 + i));
    const ledger = () =>
      suite.database.db.kysely
        .selectFrom('alert_messages')
        .select(['message_id', 'status'])
        .where(
          'anomaly_event_key',
          'in',
          detected.map((d) => d.eventKey),
        )
        .orderBy('message_id')
        .execute();
    // Every alert is claimed and its first attempt has failed; then SMTP stays down a little longer.
    for (let waited = 0; (await ledger()).length < 3; waited += 500) {
      assert.ok(waited < 60_000, 'the three alerts were not attempted within a minute');
      await sleep(500);
    }
    await sleep(6000);
    assert.equal(suite.smtp.messages.length, 0);
    assert.ok(
      (await ledger()).every((row) => row.status === 'sending'),
      'claimed but not sent while down',
    );
    for (const d of detected) assert.equal((await run.state(d.workflowId)).alertSentAt, null);

    await suite.smtp.start();
    const isOurs = (id: string | undefined) => detected.some((d) => id?.includes(d.eventKey) ?? false);
    await suite.smtp.waitFor((m) => isOurs(m.headers.get('message-id')), 3, 120_000);
    // Let any stray retry arrive before counting.
    await sleep(3000);
    const ids = suite.smtp.messages.map((m) => m.headers.get('message-id')).filter(isOurs);
    assert.deepEqual(ids.sort(), detected.map((d) => `<alert.${d.eventKey}@bank.example>`).sort());
    const rows = await ledger();
    assert.equal(rows.length, 3);
    assert.ok(rows.every((row) => row.status === 'sent'));
    for (const d of detected) assert.equal((await run.state(d.workflowId)).status, 'alerted');
  });
});

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { REPORT_ACK_SIGNAL } from '../../../schemas/report-workflow';
import { dailyReportWorkflowId } from '../../../schemas/workflow-ids';
import { eventually, startReportHarness, type ReportHarness } from '../../support/report-harness';

// A real SMTP server on loopback receives the escalation of a report the gateway never acknowledged.
const mails: { to: string[]; text: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
      callback();
    });
  },
});
let h: ReportHarness;

before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  h = await startReportHarness({
    REPORT_TRANSPORT: 'dir',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    REPORT_ESCALATION_TO: 'ops@bank.example, desk-head@bank.example',
  });
});
after(async () => {
  await h?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

it('e-mails operations once when no acknowledgement comes in time', { timeout: 120_000 }, async () => {
  const id = dailyReportWorkflowId('2026-11-20');
  const handle = await h.client.workflow.start('dailyReportWorkflow', {
    workflowId: id,
    taskQueue: h.taskQueue,
    args: [{ businessDate: '2026-11-20', ackTimeout: '1 second' }],
  });
  const mail = await eventually(async () => mails[0]);
  assert.deepEqual(mail.to, ['ops@bank.example', 'desk-head@bank.example']);
  assert.match(mail.text, /no acknowledgement for ktfc-daily-2026-11-20/);
  assert.match(mail.text, /Message-ID: <report-escalation\.ktfc-daily-2026-11-20\.s1@swap-reporting>/i);
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(mails.length, 1, 'escalated once, not once per wait');
  await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
  assert.equal(((await handle.result()) as { status: string }).status, 'acknowledged');
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSftpServer, type SftpServer } from '../../../dev/stack/sftp-server';
import { REPORT_ACK_SIGNAL, REPORT_RESUBMIT_SIGNAL, REPORT_STATE_QUERY } from '../../../schemas/report-workflow';
import { dailyReportWorkflowId } from '../../../schemas/workflow-ids';
import { recordHistory } from '../../support/record-history';
import { eventually, startReportHarness, type ReportHarness } from '../../support/report-harness';
import { insertScore, insertTrades } from '../../support/report-trades';
import { sheetsViaLibreOffice } from '../../support/libreoffice';
import { startSmtpCatcher, type SmtpCatcher } from '../../support/smtp-catcher';
import { scratchDir } from '../../support/temporal-env';
import { validRow } from '../../support/trade-rows';

// The daily report end to end on the dev server, delivered to a real OpenSSH SFTP server on loopback.
let sftp: SftpServer;
// Escalations always mail through SMTP_URL: a real SMTP server on loopback takes them.
let smtp: SmtpCatcher;
let h: ReportHarness;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const hostile = {
  desk: '=HYPERLINK("http://x","y")',
  trader_id: '+82-10',
  source_system: '@SUM(A1)',
  source_trade_id: '-3+4',
};
let flaggedKey = '';

before(async () => {
  const dir = scratchDir('daily-sftp');
  sftp = await startSftpServer({ dir: path.join(dir, 'sftp') });
  smtp = await startSmtpCatcher();
  h = await startReportHarness(
    {
      SMTP_URL: smtp.url,
      REPORT_TRANSPORT: 'sftp',
      REPORT_SFTP_HOST: sftp.host,
      REPORT_SFTP_PORT: String(sftp.port),
      REPORT_SFTP_USER: sftp.username,
      REPORT_SFTP_KEY_FILE: sftp.privateKeyFile,
      REPORT_SFTP_DIR: sftp.remoteDir,
    },
    dir,
  );
  const db = h.database.db.kysely;
  // Report of Friday 2026-11-20 covers [Thu 05:00 KST, Fri 05:00 KST) = [2026-11-18T20:00Z, 2026-11-19T20:00Z).
  const friday = [
    validRow(1),
    validRow(2, { ...hostile, notional_leg1: '12345678901234.56789' }),
    validRow(3),
    validRow(4, { spread: '-0.0015' }),
  ];
  const keys = await insertTrades(
    db,
    friday.map((row, i) => ({ row, receivedAt: `2026-11-19T03:00:0${i}Z` })),
  );
  await insertScore(db, { eventKey: keys[0]!, row: friday[0]!, anomaly: false, score: 0.12 });
  await insertScore(db, { eventKey: keys[1]!, row: friday[1]!, anomaly: true, score: 0.93, status: 'confirmed' });
  await insertScore(db, { eventKey: keys[3]!, row: friday[3]!, anomaly: false, score: 0.2 });
  flaggedKey = keys[1]!;
  // Later reports: Monday's covers Friday 05:00 to Monday 05:00 KST (the weekend included), then Tuesday, Wednesday.
  await insertTrades(db, [
    { row: validRow(5), receivedAt: '2026-11-19T21:00:00Z' },
    { row: validRow(6), receivedAt: '2026-11-21T05:00:00Z' },
    { row: validRow(7), receivedAt: '2026-11-23T02:00:00Z' },
    { row: validRow(8), receivedAt: '2026-11-24T02:00:00Z' },
  ]);
});

after(async () => {
  await h?.close();
  await sftp?.stop();
  await smtp?.stop();
});

const report = (id: string) =>
  h.database.db.kysely.selectFrom('reports').selectAll().where('report_id', '=', id).executeTakeFirst();
const submissions = (id: string) =>
  h.database.db.kysely
    .selectFrom('report_submissions')
    .selectAll()
    .where('report_id', '=', id)
    .orderBy('submission_no')
    .execute();
const start = (date: string, extra: Record<string, unknown> = {}) =>
  h.client.workflow.start('dailyReportWorkflow', {
    workflowId: dailyReportWorkflowId(date),
    taskQueue: h.taskQueue,
    args: [{ businessDate: date, ...extra }],
  });
const transmitted = (id: string) => eventually(async () => (await report(id))?.status === 'transmitted' && report(id));
const uploaded = () => readdirSync(sftp.localDir).sort();

describe('dailyReportWorkflow over SFTP', { timeout: 300_000 }, () => {
  it('arrives byte-identical (SHA-256) and is acknowledged', async () => {
    const id = dailyReportWorkflowId('2026-11-20');
    const handle = await start('2026-11-20');
    const row = await transmitted(id);
    assert.equal(row.row_count, 4);
    assert.equal(row.anomaly_count, 1);
    const remote = path.join(sftp.localDir, `${id}.csv`);
    assert.equal(sha256(remote), row.machine_sha256);
    assert.equal(sha256(row.machine_path!), row.machine_sha256);
    assert.equal(sha256(row.xlsx_path!), row.xlsx_sha256);
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    const result = (await handle.result()) as { status: string; rowCount: number; submissions: number };
    assert.equal(result.status, 'acknowledged');
    assert.equal(result.submissions, 1);
    assert.equal((await report(id))?.status, 'acknowledged');
    assert.deepEqual(
      (await submissions(id)).map((s) => s.status),
      ['accepted'],
    );
    await recordHistory(h.client, id, 'daily-report-acknowledged');
  });

  it('the xlsx opens in LibreOffice: cells match the database, input cells starting with = + - @ are neutralised', async () => {
    const row = (await report(dailyReportWorkflowId('2026-11-20')))!;
    const sheets = sheetsViaLibreOffice(row.xlsx_path!, scratchDir('lo'));
    const data = sheets.get('Data')!;
    const header = new Map((sheets.get('Header') ?? []).map((r) => [r[0], r[1]]));
    assert.equal(header.get('Machine file SHA-256'), row.machine_sha256);
    assert.equal(header.get('Business date (KST)'), '2026-11-20');
    assert.equal(header.get('Period start (UTC)'), '2026-11-18T20:00:00.000Z');
    assert.equal(header.get('Row count'), '4');
    const columns = data[0]!;
    const col = (name: string) => columns.indexOf(name);
    const trades = await h.database.db.kysely.selectFrom('trades').selectAll().execute();
    const byKey = new Map(trades.map((t) => [t.event_key, t]));
    assert.equal(data.length - 1, 4);
    for (const cells of data.slice(1)) {
      const t = byKey.get(cells[col('event_key')]!)!;
      assert.ok(t, 'every row is a stored trade');
      assert.equal(cells[col('uti')], t.uti);
      assert.equal(cells[col('execution_ts')], t.execution_ts.toISOString().replace('Z', '000Z'));
      const notional = Number(cells[col('notional_leg1')]);
      assert.ok(Math.abs(notional - Number(t.notional_leg1)) <= Number(t.notional_leg1) * 1e-14, `${notional}`);
      assert.equal(cells[col('notional_currency_leg1')], t.notional_currency_leg1);
      for (const field of ['desk', 'trader_id', 'source_system', 'source_trade_id'] as const) {
        const stored = t[field] ?? '';
        assert.equal(cells[col(field)], /^[=+\-@]/.test(stored) ? `'${stored}` : stored, field);
      }
      if (t.spread) assert.equal(Number(cells[col('spread')]), Number(t.spread));
    }
    const flagged = data.find((c) => c[col('event_key')] === flaggedKey)!;
    assert.equal(flagged[col('desk')], `'${hostile.desk}`);
    assert.equal(flagged[col('anomaly_flag')], 'Y');
    assert.equal(flagged[col('review_status')], 'confirmed');
    assert.equal(flagged[col('rule_hits')], 'notional_above_threshold');
    const unscored = data.filter((c) => c[col('anomaly_flag')] === '');
    assert.equal(unscored.length, 1, 'the unscored trade is reported with empty score fields');
    const summary = sheets.get('Summary')!.map((r) => r.join(','));
    assert.ok(summary.includes('IRS,NEWT,4'), summary.join('\n'));
    // The machine CSV carries the same neutralised cells.
    const machine = readFileSync(row.machine_path!, 'utf8');
    assert.ok(machine.includes(`"'=HYPERLINK(""http://x"",""y"")"`));
    assert.ok(machine.includes(",'+82-10,'@SUM(A1),'-3+4,"));
  });

  it('with the server down it is retried, and arrives once the server returns, never twice', async () => {
    const id = dailyReportWorkflowId('2026-11-23');
    await sftp.stop();
    const handle = await start('2026-11-23');
    // Archived, then the transmit activity fails and retries while the server is down.
    await eventually(async () => {
      const description = await handle.describe();
      const pending = description.raw.pendingActivities?.[0];
      return (pending?.attempt ?? 0) >= 2 && (await report(id))?.status === 'archived';
    });
    assert.ok(!uploaded().some((f) => f.startsWith(id)));
    await sftp.start();
    const row = await transmitted(id);
    assert.equal(row.row_count, 2, "Monday's report covers Friday to Sunday");
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    await handle.result();
    assert.deepEqual(
      uploaded().filter((f) => f.includes(id)),
      [`${id}.csv`],
      'one file, no partial upload left',
    );
    assert.equal(sha256(path.join(sftp.localDir, `${id}.csv`)), row.machine_sha256);
    assert.equal((await submissions(id)).length, 1);
  });

  it('a rejected file stays "not reported" until it is resubmitted and acknowledged', async () => {
    const id = dailyReportWorkflowId('2026-11-24');
    const handle = await start('2026-11-24');
    await transmitted(id);
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: false, reason: 'E101 bad header' });
    await eventually(async () => (await report(id))?.status === 'not_reported');
    const state = (await handle.query(REPORT_STATE_QUERY)) as { phase: string };
    assert.equal(state.phase, 'not_reported');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await report(id))?.status, 'not_reported', 'a rejection is never reported by itself');
    await handle.signal(REPORT_RESUBMIT_SIGNAL, { reason: 'fixed' });
    await transmitted(id);
    assert.ok(uploaded().includes(`${id}.r2.csv`));
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    const result = (await handle.result()) as { submissions: number };
    assert.equal(result.submissions, 2);
    assert.deepEqual(
      (await submissions(id)).map((s) => [s.status, s.reason]),
      [
        ['rejected', 'E101 bad header'],
        ['accepted', null],
      ],
    );
    assert.equal((await report(id))?.status, 'acknowledged');
    await recordHistory(h.client, id, 'daily-report-resubmitted');
  });

  it('escalates when no acknowledgement comes in time, then still takes the late one', async () => {
    const id = dailyReportWorkflowId('2026-11-25');
    const handle = await start('2026-11-25', { ackTimeout: '2 seconds' });
    await eventually(async () =>
      h.database.db.kysely
        .selectFrom('report_events')
        .select('event')
        .where('report_id', '=', id)
        .where('event', '=', 'escalated')
        .executeTakeFirst(),
    );
    assert.equal((await report(id))?.status, 'transmitted', 'escalation does not mark it reported');
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    assert.equal(((await handle.result()) as { status: string }).status, 'acknowledged');
  });

  it('a correction re-issues the reported rows of one trade event', async () => {
    const handle = await h.client.workflow.start('correctionReportWorkflow', {
      workflowId: `ktfc-correction-test-${flaggedKey}`,
      taskQueue: h.taskQueue,
      args: [{ businessDate: '2026-11-20', eventKey: flaggedKey, reviewId: 'review-1' }],
    });
    const id = `ktfc-correction-2026-11-20-${flaggedKey}-review-1`;
    const row = await transmitted(id);
    assert.equal(row.row_count, 1);
    assert.equal(sha256(path.join(sftp.localDir, `${id}.csv`)), row.machine_sha256);
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    await handle.result();
    await recordHistory(h.client, handle.workflowId, 'correction-report-acknowledged');
  });
});

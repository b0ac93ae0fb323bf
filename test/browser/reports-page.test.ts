import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { dataPaths } from '../../schemas/config';
import { REPORT_ACK_SIGNAL } from '../../schemas/report-workflow';
import { dailyReportWorkflowId } from '../../schemas/workflow-ids';
import { eventually, startReportHarness, type ReportHarness } from '../support/report-harness';
import { insertScore, insertTrades } from '../support/report-trades';
import { startStaffApp, type StaffApp } from '../support/staff-app';
import { seedUser, TEST_PASSWORD } from '../support/staff-seed';
import { validRow } from '../support/trade-rows';
import { collectPageErrors, launchChromium, logIn, SCREENSHOTS_DIR } from './support/browser';

// Reports built, sent and answered by the real workflows on a CPU worker (folder gateway): Tuesday 2025-10-21's
// daily report is acknowledged, Wednesday 2025-10-22's is rejected, and 2025-Q3's quarterly report is archived.
const ACKED = dailyReportWorkflowId('2025-10-21');
const REJECTED = dailyReportWorkflowId('2025-10-22');
const QUARTERLY = 'cumulative-2025-Q3';
let h: ReportHarness;
let app: StaffApp;
let browser: Browser;

const db = () => h.database.db.kysely;
const report = (id: string) => db().selectFrom('reports').selectAll().where('report_id', '=', id).executeTakeFirst();
const startDaily = (date: string) =>
  h.client.workflow.start('dailyReportWorkflow', {
    workflowId: dailyReportWorkflowId(date),
    taskQueue: h.taskQueue,
    args: [{ businessDate: date }],
  });

before(async () => {
  h = await startReportHarness({ REPORT_TRANSPORT: 'dir' });
  app = await startStaffApp(
    { reportsDir: dataPaths(h.dataDir).reports, temporalUiUrl: 'http://temporal-ui.test' },
    h.database,
  );
  await seedUser(db(), 'lee.viewer', 'viewer');
  await seedUser(db(), 'jung.admin', 'admin');
  // Tuesday's report covers [Mon 05:00, Tue 05:00) KST; Wednesday's the day after.
  const rows = [validRow(1), validRow(2), validRow(3)];
  const keys = await insertTrades(db(), [
    { row: rows[0]!, receivedAt: '2025-10-20T03:00:00Z' },
    { row: rows[1]!, receivedAt: '2025-10-20T03:00:01Z' },
    { row: rows[2]!, receivedAt: '2025-10-21T03:00:00Z' },
  ]);
  await insertScore(db(), {
    eventKey: keys[1]!,
    row: rows[1]!,
    anomaly: true,
    score: 0.95,
    businessDate: '2025-09-15',
  });

  const acked = await startDaily('2025-10-21');
  await eventually(async () => (await report(ACKED))?.status === 'transmitted');
  await acked.signal(REPORT_ACK_SIGNAL, { accepted: true });
  await acked.result();
  const rejected = await startDaily('2025-10-22');
  await eventually(async () => (await report(REJECTED))?.status === 'transmitted');
  await rejected.signal(REPORT_ACK_SIGNAL, { accepted: false, reason: 'E101 잘못된 헤더' });
  await eventually(async () => (await report(REJECTED))?.status === 'not_reported');
  await (
    await h.client.workflow.start('cumulativeReportWorkflow', {
      workflowId: `cumulative-chain-2025-Q3-${Date.now()}`,
      taskQueue: h.taskQueue,
      args: [{ quarter: '2025-Q3' }],
    })
  ).result();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  // The rejected report's workflow still waits for a resubmission: end it so the worker can stop.
  await h?.client.workflow
    .getHandle(REJECTED)
    .terminate('test over')
    .catch(() => undefined);
  await app?.close();
  await h?.close();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const rowOf = (id: string) => `tr[data-report="${id}"]`;

describe('the reports page', { timeout: 240_000 }, () => {
  it('shows daily and cumulative reports with their status; a viewer downloads files the real run built', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1500, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, app.baseUrl, 'lee.viewer', TEST_PASSWORD);
    await page.goto(`${app.baseUrl}/#/reports`);
    await page.waitForSelector('.page[data-page=reports][data-ready=true]');
    assert.deepEqual(
      await page.locator('tr[data-report]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report'))),
      [REJECTED, ACKED, QUARTERLY],
    );
    assert.match((await page.textContent(rowOf(ACKED))) ?? '', /acknowledged.*#1 accepted/);
    assert.match((await page.textContent(rowOf(REJECTED))) ?? '', /not reported.*#1 rejected.*E101 잘못된 헤더/);
    assert.match((await page.textContent(rowOf(QUARTERLY))) ?? '', /quarterly.*2025-Q3.*archived.*not sent/);
    const link = await page.getAttribute(`${rowOf(ACKED)} a.run-link`, 'href');
    assert.equal(link, `http://temporal-ui.test/namespaces/default/workflows/${ACKED}`);
    assert.equal(await page.locator('button.resubmit').count(), 0, 'no resubmit button for a viewer');

    const stored = (await report(ACKED))!;
    for (const [format, expected] of [
      ['machine', stored.machine_sha256],
      ['xlsx', stored.xlsx_sha256],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`${rowOf(ACKED)} button[data-format=${format}]`),
      ]);
      const file = (await download.path())!;
      assert.equal(sha256(file), expected, format);
      assert.equal(sha256(file), sha256(format === 'xlsx' ? stored.xlsx_path! : stored.machine_path!));
      await page.waitForSelector(`#download-status:has-text("${expected}")`);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'reports-list.png'), fullPage: true });

    await page.selectOption('select[name=kind]', 'cumulative');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('.page[data-page=reports][data-ready=true]');
    assert.match(page.url(), /kind=cumulative/);
    assert.equal(await page.locator('tr[data-report]').count(), 1);
    assert.equal(await page.locator(rowOf(QUARTERLY)).count(), 1);

    const status = await page.evaluate(async (id) => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } })
        .sessionStorage;
      const response = await fetch(`/api/reports/${id}/resubmit`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${storage.getItem('swap-reporting.token')}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      return response.status;
    }, REJECTED);
    assert.equal(status, 403);
    assert.equal((await report(REJECTED))?.status, 'not_reported');
    assert.deepEqual(
      errors.filter((e) => !/status of 403/.test(e)),
      [],
    );
    await context.close();
  });

  it('an admin resubmits the rejected report; the workflow sends it again and it is acknowledged', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors = collectPageErrors(page);
    await logIn(page, app.baseUrl, 'jung.admin', TEST_PASSWORD);
    await page.goto(`${app.baseUrl}/#/reports`);
    await page.waitForSelector('.page[data-page=reports][data-ready=true]');
    // Offered only where it means something: on the rejected report.
    assert.equal(await page.locator('button.resubmit').count(), 1);
    await page.click(`${rowOf(REJECTED)} a.report-link`);
    await page.waitForSelector('.page[data-page=report][data-ready=true]');
    page.once('dialog', (dialog) => void dialog.accept('header fixed at the gateway'));
    await page.click('button.resubmit');
    const submissions = () =>
      db()
        .selectFrom('report_submissions')
        .select(['submission_no', 'status', 'reason'])
        .where('report_id', '=', REJECTED)
        .orderBy('submission_no')
        .execute();
    await eventually(async () => (await submissions()).some((s) => s.submission_no === 2 && s.status === 'sent'));
    assert.equal((await report(REJECTED))?.status, 'transmitted', 'not reported until acknowledged');

    await page.reload();
    await page.waitForSelector('.page[data-page=report][data-ready=true]');
    const shown = (await page.textContent('#report-submissions')) ?? '';
    assert.match(shown, /1\s*dir\s*rejected\s*E101 잘못된 헤더/);
    assert.match(shown, /2\s*dir\s*sent/);
    assert.match((await page.textContent('#report-events')) ?? '', /resubmit_requested.*jung\.admin.*header fixed/);
    assert.equal(await page.locator('button.resubmit').count(), 0, 'nothing to resubmit while it is in flight');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'report-resubmitted.png'), fullPage: true });

    const handle = h.client.workflow.getHandle(REJECTED);
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    assert.equal(((await handle.result()) as { submissions: number }).submissions, 2);
    assert.deepEqual(
      (await submissions()).map((s) => [s.submission_no, s.status]),
      [
        [1, 'rejected'],
        [2, 'accepted'],
      ],
    );
    await page.reload();
    await page.waitForSelector('.page[data-page=report][data-ready=true]');
    assert.match((await page.textContent('#report-facts')) ?? '', /Statusacknowledged\s*Acknowledgementaccepted/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Browser } from 'playwright-core';
import { createLogger } from '../../activities/logging/logger';
import { createSmtpTransport } from '../../activities/mail/smtp-transport';
import { DETECTED_SIGNAL } from '../../schemas/anomaly-workflow';
import { anomalyWorkflowId } from '../../schemas/workflow-ids';
import { createAlertActivities } from '../../workers/alert-activities';
import { TEST_MAIL } from '../support/alert-harness';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher';
import { startStaffApp, type StaffApp } from '../support/staff-app';
import {
  seedAnomaly,
  seedFileWithRejections,
  seedModels,
  seedUser,
  TEST_PASSWORD,
  type SeededAnomaly,
} from '../support/staff-seed';
import { seedReports } from '../support/report-seed';
import { scratchDir, temporalAddress, uniqueTaskQueue } from '../support/temporal-env';
import { collectPageErrors, launchChromium, logIn, SCREENSHOTS_DIR } from './support/browser';

const reportsDir = path.join(scratchDir('browser'), 'reports');
let app: StaffApp;
let browser: Browser;
let worker: Worker;
let workerRun: Promise<void>;
let connection: NativeConnection;
let smtp: SmtpCatcher;
let anomaly: SeededAnomaly;
let fileId: number;
let report: Awaited<ReturnType<typeof seedReports>>;

before(async () => {
  app = await startStaffApp({ reportsDir, clock: () => new Date('2026-11-21T03:00:00Z') });
  const db = app.database.db.kysely;
  await seedUser(db, 'kim.reviewer', 'reviewer');
  await seedUser(db, 'lee.viewer', 'viewer');
  await seedUser(db, 'jung.admin', 'admin');
  await seedModels(db);
  anomaly = await seedAnomaly(db, 1, { desk: '금리스왑데스크', score: 0.97 });
  for (let n = 2; n <= 12; n++) {
    await seedAnomaly(db, n, {
      product: n % 2 ? 'CCS' : 'IRS',
      score: 0.5 + n / 40,
      businessDate: `2026-11-${String(8 + n).padStart(2, '0')}`,
    });
  }
  fileId = (await seedFileWithRejections(db)).id;
  report = await seedReports(app.database.db, reportsDir);

  const taskQueue = uniqueTaskQueue('browser');
  connection = await NativeConnection.connect({ address: temporalAddress() });
  // The real anomaly workflow and its activities; whether it mails at once or waits for the alert window depends
  // on today's clock, which the review does not care about.
  smtp = await startSmtpCatcher();
  worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: path.join(import.meta.dirname, '..', '..', 'workflows', 'index.ts'),
    activities: createAlertActivities({
      db: app.database.db,
      logger: createLogger({ service: 'test-browser-worker', level: 'error' }),
      clock: () => new Date(),
      transport: createSmtpTransport({ url: smtp.url }),
      settings: TEST_MAIL,
    }),
  });
  workerRun = worker.run();
  await app.temporal.client.workflow.signalWithStart('anomalyWorkflow', {
    signal: DETECTED_SIGNAL,
    signalArgs: [],
    workflowId: anomalyWorkflowId(anomaly.eventKey),
    taskQueue,
    args: [{ eventKey: anomaly.eventKey, uti: anomaly.uti, executionTs: anomaly.executionTs, detectedBy: 'api' }],
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  worker?.shutdown();
  await workerRun;
  await connection?.close();
  await smtp?.stop();
  await app?.close();
});

it(
  'a reviewer logs in, opens an anomaly, confirms it, and sees the audit entry and the workflow state',
  { timeout: 120_000 },
  async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = collectPageErrors(page);
    await logIn(page, app.baseUrl, 'kim.reviewer', TEST_PASSWORD);
    assert.equal(await page.textContent('#whoami'), 'kim.reviewer (reviewer)');
    assert.equal((await page.locator('svg.chart rect').count()) > 0, true, 'the chart has bars');
    assert.equal(await page.textContent('#open-reviews'), '12');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'dashboard.png'), fullPage: true });

    await page.click('nav a[data-page=anomalies]');
    await page.waitForSelector('.page[data-page=anomalies][data-ready=true]');
    await page.selectOption('select[name=product]', 'IRS');
    await page.fill('input[name=desk]', '금리스왑데스크');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('.page[data-page=anomalies][data-ready=true]');
    assert.match(page.url(), /product=IRS/);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'anomalies.png'), fullPage: true });
    await page.click(`a.anomaly-link:text("${anomaly.uti}")`);
    await page.waitForSelector('.page[data-page=anomaly][data-ready=true]');
    assert.match((await page.textContent('#workflow-state')) ?? '', /"status": "(waiting_for_window|alerted)"/);
    assert.match((await page.textContent('main')) ?? '', /금리스왑데스크/);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'anomaly.png'), fullPage: true });

    const comment = '명목금액이 한도를 크게 넘음 — confirmed by review';
    await page.fill('#review-form textarea', comment);
    await page.click('#confirm-button');
    await page.locator('#workflow-state', { hasText: '"confirmed"' }).waitFor({ timeout: 15_000 });
    await page.waitForSelector('.page[data-page=anomaly][data-ready=true]');
    const audit = (await page.textContent('#audit-log')) ?? '';
    assert.match(audit, /kim\.reviewer/);
    assert.match(audit, /confirm/);
    assert.ok(audit.includes(comment), audit);
    assert.match((await page.textContent('#workflow-state')) ?? '', /"reviewer": "kim.reviewer"/);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'anomaly-confirmed.png'), fullPage: true });

    const rows = await app.database.db.kysely.selectFrom('anomaly_reviews').selectAll().execute();
    assert.deepEqual(
      rows.map((r) => [r.anomaly_event_key, r.action, r.actor, r.comment]),
      [[anomaly.eventKey, 'confirm', 'kim.reviewer', comment]],
    );
    const handle = app.temporal.client.workflow.getHandle(anomalyWorkflowId(anomaly.eventKey));
    assert.equal(((await handle.result()) as { status: string }).status, 'confirmed');
    assert.deepEqual(errors, []);
    await page.close();
  },
);

it('a viewer sees no review form and the API answers 403', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await logIn(page, app.baseUrl, 'lee.viewer', TEST_PASSWORD);
  await page.goto(`${app.baseUrl}/#/anomaly/${anomaly.eventKey}`);
  await page.waitForSelector('.page[data-page=anomaly][data-ready=true]');
  assert.equal(await page.locator('#review-form').count(), 0);
  assert.equal(await page.locator('#confirm-button').count(), 0);
  assert.equal(await page.locator('#review-hint').count(), 1);
  const status = await page.evaluate(async (key) => {
    const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } })
      .sessionStorage;
    const token = storage.getItem('swap-reporting.token');
    const response = await fetch(`/api/anomalies/${key}/review`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'dismiss', comment: 'viewer tries' }),
    });
    return response.status;
  }, anomaly.eventKey);
  assert.equal(status, 403);
  // The browser reports the deliberate 403 on the console; nothing else may appear.
  assert.deepEqual(
    errors.filter((e) => !/status of 403/.test(e)),
    [],
  );
  await page.close();
});

it('downloads a report and the rejected rows, and their checksums match', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, app.baseUrl, 'lee.viewer', TEST_PASSWORD);

  await page.goto(`${app.baseUrl}/#/reports`);
  await page.waitForSelector('.page[data-page=reports][data-ready=true]');
  const row = `tr[data-report="${report.id}"]`;
  const [reportDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`${row} button[data-format=machine]`),
  ]);
  const reportBytes = readFileSync((await reportDownload.path())!);
  assert.equal(createHash('sha256').update(reportBytes).digest('hex'), report.sha256);
  assert.deepEqual(reportBytes, report.bytes);
  await page.waitForSelector('#download-status:has-text("SHA-256")');
  assert.match((await page.textContent('#download-status')) ?? '', new RegExp(report.sha256));
  // The xlsx the real report code built, checked against its `reports` row.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`${row} button[data-format=xlsx]`),
  ]);
  const stored = await app.database.db.kysely
    .selectFrom('reports')
    .select('xlsx_sha256')
    .where('report_id', '=', report.id)
    .executeTakeFirstOrThrow();
  const xlsx = readFileSync((await xlsxDownload.path())!);
  assert.equal(createHash('sha256').update(xlsx).digest('hex'), stored.xlsx_sha256);
  assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'reports.png'), fullPage: true });

  await page.goto(`${app.baseUrl}/#/files?file=${fileId}`);
  await page.waitForSelector('.page[data-page=files][data-ready=true]');
  assert.match((await page.textContent('#rejected-rows')) ?? '', /형식이 맞지 않음/);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-rejected')]);
  const csv = readFileSync((await csvDownload.path())!);
  await page.waitForSelector('#download-status:has-text("SHA-256")');
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'files.png'), fullPage: true });
  const shown = /SHA-256 ([0-9a-f]{64})/.exec((await page.textContent('#download-status')) ?? '')?.[1];
  assert.equal(createHash('sha256').update(csv).digest('hex'), shown);
  assert.match(csv.toString('utf8'), /^\uFEFFline_no,reasons,raw\r\n2,uti: 형식이 맞지 않음,/);
  await context.close();
});

it('an admin promotes a candidate model; a viewer is offered no such button', { timeout: 60_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = collectPageErrors(page);
  await logIn(page, app.baseUrl, 'jung.admin', TEST_PASSWORD);
  await page.goto(`${app.baseUrl}/#/models`);
  await page.waitForSelector('.page[data-page=models][data-ready=true]');
  page.once('dialog', (dialog) => void dialog.accept('higher PR AUC on the hold-out'));
  await page.click('button:text("Promote")');
  await page.locator('table', { hasText: 'higher PR AUC on the hold-out' }).waitFor({ timeout: 10_000 });
  const history = (await page.textContent('main')) ?? '';
  assert.match(history, /2026-W47-a\s*promoted\s*jung\.admin\s*higher PR AUC on the hold-out/);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'models.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();

  const viewer = await browser.newPage();
  await logIn(viewer, app.baseUrl, 'lee.viewer', TEST_PASSWORD);
  await viewer.goto(`${app.baseUrl}/#/models`);
  await viewer.waitForSelector('.page[data-page=models][data-ready=true]');
  assert.equal(await viewer.locator('button:text("Promote"), button:text("Roll back to")').count(), 0);
  await viewer.close();
});

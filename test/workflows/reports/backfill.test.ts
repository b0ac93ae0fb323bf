import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backfillTarget } from '../../../client/backfill/backfill-targets';
import { runBackfill } from '../../../client/backfill/run-backfill';
import { REPORT_ACK_SIGNAL } from '../../../schemas/report-workflow';
import { dailyReportWorkflowId } from '../../../schemas/workflow-ids';
import { recordHistory } from '../../support/record-history';
import { eventually, startReportHarness, type ReportHarness } from '../../support/report-harness';
import { insertTrades } from '../../support/report-trades';
import { validRow } from '../../support/trade-rows';

// Two weeks, 2026-09-28 (Mon) .. 2026-10-11 (Sun), with the holidays 2026-10-05 (substitute for 개천절) and
// 2026-10-09 (한글날): eight business days.
const FROM = '2026-09-28';
const TO = '2026-10-11';
const BUSINESS_DAYS = [
  '2026-09-28',
  '2026-09-29',
  '2026-09-30',
  '2026-10-01',
  '2026-10-02',
  '2026-10-06',
  '2026-10-07',
  '2026-10-08',
];
let h: ReportHarness;

before(async () => {
  h = await startReportHarness({ REPORT_TRANSPORT: 'dir' });
  // One trade received on the holiday 2026-10-05 (KST daytime): the report of 2026-10-06 covers it.
  await insertTrades(h.database.db.kysely, [{ row: validRow(1), receivedAt: '2026-10-05T03:00:00Z' }]);
});
after(() => h?.close());

const reports = () =>
  h.database.db.kysely.selectFrom('reports').selectAll().where('kind', '=', 'daily').orderBy('business_date').execute();

describe('backfill daily-report', { timeout: 300_000 }, () => {
  it('creates one report per business day and none for the holidays or weekends', async () => {
    const summary = await runBackfill(h.client, {
      target: backfillTarget('daily-report'),
      from: FROM,
      to: TO,
      taskQueue: h.taskQueue,
    });
    assert.equal(summary.planned, 10, 'Monday–Friday only');
    assert.equal(summary.started.length, 10);
    assert.equal(summary.skipped.length, 0);
    const all = await eventually(async () => {
      const rows = await reports();
      return rows.length === BUSINESS_DAYS.length && rows.every((r) => r.status === 'transmitted') && rows;
    });
    assert.deepEqual(
      all.map((r) => r.business_date),
      BUSINESS_DAYS,
    );
    const afterHoliday = all.find((r) => r.business_date === '2026-10-06')!;
    assert.equal(afterHoliday.row_count, 1, 'the day after a holiday covers the holiday');
    assert.equal(afterHoliday.period_start.toISOString(), '2026-10-01T20:00:00.000Z', 'from Friday 05:00 KST');
    for (const date of BUSINESS_DAYS)
      await h.client.workflow.getHandle(dailyReportWorkflowId(date)).signal(REPORT_ACK_SIGNAL, { accepted: true });
    for (const date of ['2026-10-05', '2026-10-09']) {
      const result = (await h.client.workflow.getHandle(dailyReportWorkflowId(date)).result()) as { status: string };
      assert.equal(result.status, 'skipped: holiday');
    }
    await recordHistory(h.client, dailyReportWorkflowId('2026-10-09'), 'daily-report-holiday');
    for (const date of BUSINESS_DAYS) {
      const result = (await h.client.workflow.getHandle(dailyReportWorkflowId(date)).result()) as { status: string };
      assert.equal(result.status, 'acknowledged');
    }
  });

  it('a second identical backfill creates nothing', async () => {
    const dry = await runBackfill(h.client, {
      target: backfillTarget('daily-report'),
      from: FROM,
      to: TO,
      taskQueue: h.taskQueue,
      dryRun: true,
    });
    assert.equal(dry.started.length, 0);
    const again = await runBackfill(h.client, {
      target: backfillTarget('dailyReportWorkflow'),
      from: FROM,
      to: TO,
      taskQueue: h.taskQueue,
    });
    assert.equal(again.started.length, 0);
    assert.equal(again.skipped.length, 10);
    assert.equal((await reports()).length, BUSINESS_DAYS.length);
  });

  it('a dry run over new dates lists them and starts nothing', async () => {
    const dry = await runBackfill(h.client, {
      target: backfillTarget('daily-report'),
      from: '2026-10-12',
      to: '2026-10-13',
      taskQueue: h.taskQueue,
      dryRun: true,
    });
    assert.deepEqual(dry.started, [dailyReportWorkflowId('2026-10-12'), dailyReportWorkflowId('2026-10-13')]);
    await assert.rejects(h.client.workflow.getHandle(dailyReportWorkflowId('2026-10-12')).describe());
  });
});

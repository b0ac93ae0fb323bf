import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyTextRows } from '../../../activities/report-render/copy-text-rows';
import { writeReportFiles } from '../../../activities/report-render/report-files';
import { PERIOD_REPORT_LAYOUT, periodReportSql } from '../../../activities/report-data/period-report-layout';
import type { BuiltReport } from '../../../schemas/report-workflow';
import { cumulativeReportWorkflowId } from '../../../schemas/workflow-ids';
import { recordHistory } from '../../support/record-history';
import { startReportHarness, type ReportHarness } from '../../support/report-harness';
import { insertScore, insertTrades } from '../../support/report-trades';
import { validRow } from '../../support/trade-rows';

// Anomalies per quarter of 2026: Q1 2, Q2 1, Q3 2, Q4 3 (one of Q4's on 31 Dec, late in the KST day).
const ANOMALY_DATES = [
  '2026-02-10',
  '2026-03-31',
  '2026-05-06',
  '2026-07-15',
  '2026-09-30',
  '2026-10-01',
  '2026-11-20',
  '2026-12-31',
];
let h: ReportHarness;

before(async () => {
  h = await startReportHarness({ REPORT_TRANSPORT: 'dir' });
  const db = h.database.db.kysely;
  for (const [i, date] of ANOMALY_DATES.entries()) {
    const row = validRow(100 + i, {
      execution_ts: `${date}T23:30:00+09:00`,
      desk: i === 0 ? '+desk' : '금리스왑데스크',
    });
    const [key] = await insertTrades(db, [{ row, receivedAt: `${date}T15:00:00Z` }]);
    await insertScore(db, {
      eventKey: key!,
      row,
      anomaly: true,
      score: 0.9 - i / 100,
      businessDate: date,
      status: 'confirmed',
    });
  }
});
after(() => h?.close());

async function chain(quarter: string, workflowId = `cumulative-chain-${quarter}`): Promise<BuiltReport[]> {
  const handle = await h.client.workflow.start('cumulativeReportWorkflow', {
    workflowId,
    taskQueue: h.taskQueue,
    args: [{ quarter }],
  });
  return (await handle.result()) as BuiltReport[];
}

const dataLines = (file: string) => readFileSync(file, 'utf8').split('\r\n').filter(Boolean).slice(1);

describe('cumulativeReportWorkflow', { timeout: 300_000 }, () => {
  const built = new Map<string, BuiltReport>();

  it('runs the quarterlies of Q1–Q3 and the first half-year after Q2', async () => {
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3']) for (const r of await chain(q)) built.set(r.reportId, r);
    assert.deepEqual(
      [...built.keys()],
      ['cumulative-2026-Q1', 'cumulative-2026-Q2', 'cumulative-2026-H1', 'cumulative-2026-Q3'],
    );
    assert.equal(built.get('cumulative-2026-Q1')?.rowCount, 2);
    assert.equal(built.get('cumulative-2026-H1')?.rowCount, 3);
  });

  it('for Q4 produces the quarterly, the half-year and the annual report in that order, each from the one before', async () => {
    const q4 = await chain('2026-Q4');
    assert.deepEqual(
      q4.map((r) => r.reportId),
      ['cumulative-2026-Q4', 'cumulative-2026-H2', 'cumulative-2026-Y'],
    );
    for (const r of q4) built.set(r.reportId, r);
    const [quarter, half, year] = q4 as [BuiltReport, BuiltReport, BuiltReport];
    assert.equal(quarter.rowCount, 3);
    assert.deepEqual(half.sourceReports, ['cumulative-2026-Q3', 'cumulative-2026-Q4']);
    assert.deepEqual(year.sourceReports, ['cumulative-2026-H1', 'cumulative-2026-H2']);
    const lines = (id: string) => dataLines(built.get(id)!.machinePath);
    assert.deepEqual(lines('cumulative-2026-H2'), [...lines('cumulative-2026-Q3'), ...lines('cumulative-2026-Q4')]);
    assert.deepEqual(lines('cumulative-2026-Y'), [...lines('cumulative-2026-H1'), ...lines('cumulative-2026-H2')]);
    assert.equal(year.rowCount, ANOMALY_DATES.length);
    // Strictly in order: each child workflow closed before the next one started.
    const times = [];
    for (const r of q4) {
      const d = await h.client.workflow.getHandle(r.reportId).describe();
      times.push({ start: d.startTime.getTime(), close: d.closeTime!.getTime() });
    }
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i - 1]!.close <= times[i]!.start, `child ${i} started after ${i - 1}`);
    const rows = await h.database.db.kysely.selectFrom('reports').select(['report_id', 'machine_sha256']).execute();
    for (const r of q4) assert.equal(rows.find((x) => x.report_id === r.reportId)?.machine_sha256, r.machineSha256);
    assert.ok(lines('cumulative-2026-Q1')[0]!.includes(",'+desk,"), 'input cells are neutralised');
    await recordHistory(h.client, 'cumulative-chain-2026-Q4', 'cumulative-report-q4');
    await recordHistory(h.client, cumulativeReportWorkflowId('2026-Y'), 'period-report-annual');
  });

  it('each report is reproducible: rebuilt from the database, the quarterly CSV has the same SHA-256', async () => {
    const client = await h.database.db.pool.connect();
    try {
      const again = await writeReportFiles({
        dir: path.join(h.dir, 'rebuild'),
        baseName: 'cumulative-2026-Q4',
        format: 'csv',
        layout: PERIOD_REPORT_LAYOUT,
        rows: copyTextRows(client, periodReportSql('2026-10-01', '2027-01-01')),
        xmlAttributes: {},
        header: () => [],
      });
      assert.equal(again.machineSha256, built.get('cumulative-2026-Q4')?.machineSha256);
    } finally {
      client.release();
    }
    const rerun = await chain('2026-Q4', 'cumulative-chain-2026-Q4-rerun');
    assert.deepEqual(
      rerun.map((r) => r.machineSha256),
      ['cumulative-2026-Q4', 'cumulative-2026-H2', 'cumulative-2026-Y'].map((id) => built.get(id)?.machineSha256),
    );
  });

  it('a half-year whose quarterly is missing fails loudly instead of reporting half the period', async () => {
    const handle = await h.client.workflow.start('periodReportWorkflow', {
      workflowId: cumulativeReportWorkflowId('2025-H2'),
      taskQueue: h.taskQueue,
      args: [{ period: '2025-H2' }],
    });
    await assert.rejects(handle.result(), (error: Error) => {
      const failure = ((error.cause as Error | undefined)?.cause ?? {}) as { message?: string; type?: string };
      assert.equal(failure.type, 'MissingSourceReport');
      assert.match(failure.message ?? '', /cumulative-2025-Q3 is not archived/);
      return true;
    });
  });
});

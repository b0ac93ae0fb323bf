import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { recordReview } from '../../../activities/anomalies/anomaly-reviews';
import { DAILY_REPORT_COLUMN_NAMES } from '../../../activities/report-data/daily-report-layout';
import { parseCsv } from '../../../activities/report-render/csv-format';
import { startDailyReport } from '../../../client/reports/report-runs';
import { REVIEW_SIGNAL, type AnomalyWorkflowState } from '../../../schemas/anomaly-workflow';
import {
  correctionReportWorkflowId,
  REPORT_ACK_SIGNAL,
  REPORT_RESUBMIT_SIGNAL,
} from '../../../schemas/report-workflow';
import { anomalyWorkflowId, dailyReportWorkflowId } from '../../../schemas/workflow-ids';
import { insertAnomaly } from '../../support/anomaly-rows';
import { recordHistory } from '../../support/record-history';
import { eventually, startReportHarness, type ReportHarness } from '../../support/report-harness';
import { insertTrades } from '../../support/report-trades';
import { validRow } from '../../support/trade-rows';

// A review decision on the dev server, after the trade's daily report went out: the anomaly workflow starts the
// correction report of that date, which carries the changed review status. The report of Thursday 2027-01-14
// covers [Wed 05:00 KST, Thu 05:00 KST) = [2027-01-12T20:00Z, 2027-01-13T20:00Z).
const DATE = '2027-01-14';
const REVIEW = DAILY_REPORT_COLUMN_NAMES.indexOf('review_status');
let h: ReportHarness;
const keys = { changed: '', reviewedEarly: '', unreported: '', reviewedWhileRejected: '' };
// The report of Wednesday 2027-01-20 covers [2027-01-18T20:00Z, 2027-01-19T20:00Z); the gateway rejects it first.
const REJECTED_DATE = '2027-01-20';
const utis: Record<string, string> = {};

before(async () => {
  h = await startReportHarness({ REPORT_TRANSPORT: 'dir' });
  const db = h.database.db.kysely;
  const flag = async (label: string, n: number, receivedAt: string) => {
    const { eventKey, uti } = await insertAnomaly(db, { label, n, executionTs: receivedAt });
    await db.updateTable('trades').set({ received_at: receivedAt }).where('event_key', '=', eventKey).execute();
    utis[eventKey] = uti;
    return eventKey;
  };
  keys.changed = await flag('correction-after-review-changed', 1, '2027-01-13T02:00:00.000Z');
  keys.reviewedEarly = await flag('correction-reviewed-before-report', 2, '2027-01-13T02:30:00.000Z');
  // Received on Thursday: Friday's report, which was never built.
  keys.unreported = await flag('correction-never-reported', 3, '2027-01-14T02:00:00.000Z');
  await insertTrades(db, [{ row: validRow(4), receivedAt: '2027-01-13T03:00:00Z' }]);
  keys.reviewedWhileRejected = await flag('correction-reviewed-while-rejected', 5, '2027-01-19T02:00:00.000Z');
  // The web UI recorded this decision before the report was built: the report already shows it.
  await recordReview(db, {
    reviewId: `rev-${keys.reviewedEarly}`,
    eventKey: keys.reviewedEarly,
    action: 'dismiss',
    comment: 'booked twice',
    actor: 'kim',
  });
});
after(() => h?.close());

const reportRow = (id: string) =>
  h.database.db.kysely.selectFrom('reports').selectAll().where('report_id', '=', id).executeTakeFirst();
const statusIn = (machinePath: string) =>
  new Map(parseCsv(readFileSync(machinePath, 'utf8')).map((fields) => [fields[0], fields[REVIEW]]));

/** Reviews a flagged trade as the web UI does (signal-with-start, so no alert goes out) and returns the result. */
async function review(eventKey: string, decision: 'confirm' | 'dismiss'): Promise<AnomalyWorkflowState> {
  const handle = await h.client.workflow.signalWithStart('anomalyWorkflow', {
    workflowId: anomalyWorkflowId(eventKey),
    taskQueue: h.taskQueue,
    args: [{ eventKey, uti: utis[eventKey]!, executionTs: '2027-01-13T02:00:00.000Z', detectedBy: 'batch' }],
    signal: REVIEW_SIGNAL,
    signalArgs: [{ reviewId: `rev-${eventKey}`, decision, comment: 'reviewed', reviewer: 'lee' }],
  });
  return (await handle.result()) as AnomalyWorkflowState;
}

describe('a review of an already-reported trade', { timeout: 300_000 }, () => {
  it('the daily report goes out with the status of the moment', async () => {
    await startDailyReport(h.client, { businessDate: DATE, taskQueue: h.taskQueue });
    const row = await eventually(async () => {
      const r = await reportRow(dailyReportWorkflowId(DATE));
      return r?.status === 'transmitted' && r;
    });
    assert.equal(row.row_count, 3);
    const status = statusIn(row.machine_path!);
    assert.equal(status.get(keys.changed), 'open');
    assert.equal(status.get(keys.reviewedEarly), 'dismissed');
    const handle = h.client.workflow.getHandle(dailyReportWorkflowId(DATE));
    await handle.signal(REPORT_ACK_SIGNAL, { accepted: true });
    await handle.result();
  });

  it('starts the correction report of that date, with its own id and the changed status', async () => {
    const result = await review(keys.changed, 'confirm');
    assert.equal(result.status, 'confirmed');
    const id = correctionReportWorkflowId({
      businessDate: DATE,
      eventKey: keys.changed,
      reviewId: `rev-${keys.changed}`,
    });
    assert.notEqual(id, dailyReportWorkflowId(DATE));
    const row = await eventually(async () => {
      const r = await reportRow(id);
      return r?.status === 'transmitted' && r;
    });
    assert.equal(row.kind, 'correction');
    assert.equal(row.business_date, DATE);
    assert.equal(row.row_count, 1);
    const status = statusIn(row.machine_path!);
    assert.equal(status.get(keys.changed), 'confirmed');
    assert.equal(status.has(keys.reviewedEarly), false, 'only the reviewed trade event');
    const original = (await reportRow(dailyReportWorkflowId(DATE)))!;
    assert.equal(statusIn(original.machine_path!).get(keys.changed), 'open', 'the original stays as it was sent');
    assert.equal(original.status, 'acknowledged');
    const correction = h.client.workflow.getHandle(id);
    await correction.signal(REPORT_ACK_SIGNAL, { accepted: true });
    assert.equal(((await correction.result()) as { reportId: string }).reportId, id);
    await recordHistory(h.client, anomalyWorkflowId(keys.changed), 'anomaly-reviewed-after-report');
  });

  it('a review while the report is rejected and not yet resubmitted is corrected after the original goes out', async () => {
    const originalId = dailyReportWorkflowId(REJECTED_DATE);
    await startDailyReport(h.client, { businessDate: REJECTED_DATE, taskQueue: h.taskQueue });
    await eventually(async () => (await reportRow(originalId))?.status === 'transmitted');
    const original = h.client.workflow.getHandle(originalId);
    await original.signal(REPORT_ACK_SIGNAL, { accepted: false, reason: 'E101 bad header' });
    await eventually(async () => (await reportRow(originalId))?.status === 'not_reported');

    // The resubmission will send the file as it was built, with the old status: a correction must follow it.
    assert.equal((await review(keys.reviewedWhileRejected, 'confirm')).status, 'confirmed');
    const id = correctionReportWorkflowId({
      businessDate: REJECTED_DATE,
      eventKey: keys.reviewedWhileRejected,
      reviewId: `rev-${keys.reviewedWhileRejected}`,
    });
    await eventually(async () => {
      const described = await h.client.workflow
        .getHandle(id)
        .describe()
        .catch(() => undefined);
      return described?.status.name === 'RUNNING';
    });
    await new Promise((r) => setTimeout(r, 6000));
    assert.equal(await reportRow(id), undefined, 'nothing is sent before the original');

    await original.signal(REPORT_RESUBMIT_SIGNAL, { reason: 'fixed' });
    await eventually(async () => (await reportRow(originalId))?.status === 'transmitted');
    assert.equal(statusIn((await reportRow(originalId))!.machine_path!).get(keys.reviewedWhileRejected), 'open');
    await original.signal(REPORT_ACK_SIGNAL, { accepted: true });
    await original.result();

    const row = await eventually(async () => {
      const r = await reportRow(id);
      return r?.status === 'transmitted' && r;
    }, 60_000);
    assert.equal(statusIn(row.machine_path!).get(keys.reviewedWhileRejected), 'confirmed');
    const correction = h.client.workflow.getHandle(id);
    await correction.signal(REPORT_ACK_SIGNAL, { accepted: true });
    await correction.result();
    await recordHistory(h.client, id, 'correction-after-resubmitted-original');
  });

  it('starts none when the report already showed the decision, or when the trade was never reported', async () => {
    assert.equal((await review(keys.reviewedEarly, 'dismiss')).status, 'dismissed');
    assert.equal((await review(keys.unreported, 'confirm')).status, 'confirmed');
    for (const [eventKey, businessDate] of [
      [keys.reviewedEarly, DATE],
      [keys.unreported, '2027-01-15'],
    ] as const) {
      const id = correctionReportWorkflowId({ businessDate, eventKey, reviewId: `rev-${eventKey}` });
      await assert.rejects(h.client.workflow.getHandle(id).describe(), /not found/i);
    }
    const corrections = await h.database.db.kysely
      .selectFrom('reports')
      .select('report_id')
      .where('kind', '=', 'correction')
      .execute();
    assert.equal(corrections.length, 2, 'the two corrected reviews, no other');
    await recordHistory(h.client, anomalyWorkflowId(keys.unreported), 'anomaly-reviewed-not-reported');
  });
});

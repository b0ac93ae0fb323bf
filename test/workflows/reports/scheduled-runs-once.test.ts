import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { backfillTarget } from '../../../client/backfill/backfill-targets';
import { runBackfill } from '../../../client/backfill/run-backfill';
import { startCumulativeReport, startDailyReport } from '../../../client/reports/report-runs';
import { applySchedules } from '../../../client/schedules/apply-schedules';
import { scheduleDefinitions } from '../../../client/schedules/schedule-definitions';
import { REPORT_ACK_SIGNAL } from '../../../schemas/report-workflow';
import { cumulativeChainWorkflowId, dailyReportWorkflowId } from '../../../schemas/workflow-ids';
import type { ScheduledStart } from '../../../workflows/scheduled-starts.workflow';
import { recordHistory } from '../../support/record-history';
import { eventually, startReportHarness, type ReportHarness } from '../../support/report-harness';

// The report and training schedules on the dev server, run through Temporal's own schedule backfill at past
// scheduled times: every path (schedule, backfill CLI, `report daily`) ends in the one workflow `ktfc-daily-<date>`,
// and a week is trained once as `training-<week>`.
let h: ReportHarness;
let scheduleIds: Record<'daily' | 'cumulative' | 'training', string>;

before(async () => {
  h = await startReportHarness({ REPORT_TRANSPORT: 'dir' });
  const definitions = scheduleDefinitions({ cpuTaskQueue: h.taskQueue })
    .filter((d) => ['daily-report', 'cumulative-report', 'weekly-training'].includes(d.scheduleId))
    .map((d) => ({ ...d, scheduleId: `${d.scheduleId}-${h.taskQueue}`, state: { paused: true } }));
  await applySchedules(h.client, definitions);
  const idOf = (name: string) => definitions.find((d) => d.scheduleId.startsWith(name))!.scheduleId;
  scheduleIds = {
    daily: idOf('daily-report'),
    cumulative: idOf('cumulative-report'),
    training: idOf('weekly-training'),
  };
});

after(async () => {
  for (const id of Object.values(scheduleIds ?? {}))
    await h.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  await h?.close();
});

/** Has the schedule act as at `at` (a past scheduled time) and returns its starter's result and workflow id. */
async function runScheduleAt(scheduleId: string, at: string): Promise<ScheduledStart & { starterId: string }> {
  const handle = h.client.schedule.getHandle(scheduleId);
  const time = Date.parse(at);
  await handle.backfill({
    start: new Date(time - 1000),
    end: new Date(time + 1000),
    overlap: ScheduleOverlapPolicy.ALLOW_ALL,
  });
  const action = await eventually(async () =>
    (await handle.describe()).info.recentActions.find((a) => a.scheduledAt.getTime() === time),
  );
  const starterId = action.action.workflow.workflowId;
  const result = (await h.client.workflow.getHandle(starterId).result()) as ScheduledStart;
  return { ...result, starterId };
}

const dailyRows = (date: string) =>
  h.database.db.kysely.selectFrom('reports').selectAll().where('business_date', '=', date).execute();

describe('scheduled reports run each business date once', { timeout: 300_000 }, () => {
  it('the schedule reports the KST day of its scheduled time; backfill and `report daily` then skip it', async () => {
    // 05:00 KST on Thursday 2027-03-04 is 20:00 UTC the day before.
    const run = await runScheduleAt(scheduleIds.daily, '2027-03-03T20:00:00Z');
    assert.match(run.starterId, /^ktfc-daily-schedule-/);
    assert.deepEqual(
      { workflowId: run.workflowId, started: run.started },
      {
        workflowId: dailyReportWorkflowId('2027-03-04'),
        started: true,
      },
    );
    const backfill = await runBackfill(h.client, {
      target: backfillTarget('daily-report'),
      from: '2027-03-04',
      to: '2027-03-04',
      taskQueue: h.taskQueue,
    });
    assert.deepEqual(backfill.skipped, [dailyReportWorkflowId('2027-03-04')]);
    assert.equal(backfill.started.length, 0);
    assert.equal(
      (await startDailyReport(h.client, { businessDate: '2027-03-04', taskQueue: h.taskQueue })).started,
      false,
    );
    await eventually(async () => (await dailyRows('2027-03-04'))[0]?.status === 'transmitted');
    const report = h.client.workflow.getHandle(dailyReportWorkflowId('2027-03-04'));
    await report.signal(REPORT_ACK_SIGNAL, { accepted: true });
    assert.equal(((await report.result()) as { status: string }).status, 'acknowledged');
    // Closed and acknowledged: still not started again.
    assert.equal(
      (await startDailyReport(h.client, { businessDate: '2027-03-04', taskQueue: h.taskQueue })).started,
      false,
    );
    const rows = await dailyRows('2027-03-04');
    assert.deepEqual(
      rows.map((r) => [r.report_id, r.status]),
      [[dailyReportWorkflowId('2027-03-04'), 'acknowledged']],
    );
    await recordHistory(h.client, run.starterId, 'daily-report-scheduled-started');
  });

  it('a date already started by hand is joined by the schedule, not reported twice', async () => {
    const byHand = await startDailyReport(h.client, { businessDate: '2027-03-05', taskQueue: h.taskQueue });
    assert.equal(byHand.started, true);
    const run = await runScheduleAt(scheduleIds.daily, '2027-03-04T20:00:00Z');
    assert.deepEqual(
      { workflowId: run.workflowId, started: run.started },
      {
        workflowId: dailyReportWorkflowId('2027-03-05'),
        started: false,
      },
    );
    const report = h.client.workflow.getHandle(dailyReportWorkflowId('2027-03-05'));
    // The report's only run is the one started by hand.
    assert.equal(
      (await report.describe()).runId,
      (await h.client.workflow.getHandle(byHand.workflowId).describe()).runId,
    );
    await eventually(async () => (await dailyRows('2027-03-05'))[0]?.status === 'transmitted');
    await report.signal(REPORT_ACK_SIGNAL, { accepted: true });
    await report.result();
    assert.equal((await dailyRows('2027-03-05')).length, 1);
    await recordHistory(h.client, run.starterId, 'daily-report-scheduled-joined');
  });

  it('the cumulative schedule runs the quarter that ended before its day, once', async () => {
    // 06:00 KST on 2027-04-01: the chain of 2027-Q1.
    const run = await runScheduleAt(scheduleIds.cumulative, '2027-03-31T21:00:00Z');
    assert.deepEqual(
      { workflowId: run.workflowId, started: run.started },
      {
        workflowId: cumulativeChainWorkflowId('2027-Q1'),
        started: true,
      },
    );
    const built = (await h.client.workflow.getHandle(run.workflowId).result()) as { reportId: string }[];
    assert.deepEqual(
      built.map((b) => b.reportId),
      ['cumulative-2027-Q1'],
    );
    assert.equal(
      (await startCumulativeReport(h.client, { quarter: '2027-Q1', taskQueue: h.taskQueue })).started,
      false,
    );
    const backfill = await runBackfill(h.client, {
      target: backfillTarget('cumulative-report'),
      from: '2027-04-01',
      to: '2027-04-01',
      taskQueue: h.taskQueue,
    });
    assert.deepEqual(backfill.skipped, [cumulativeChainWorkflowId('2027-Q1')]);
    await recordHistory(h.client, run.starterId, 'cumulative-report-scheduled');
  });
});

describe('scheduled training runs each week once', { timeout: 300_000 }, () => {
  it('the schedule trains the ISO week that ended under its backfill id; a backfill of that Saturday skips it', async () => {
    // 02:00 KST on Saturday 2027-03-06 is 17:00 UTC the day before; the trading week that ended is 2027-W09.
    const run = await runScheduleAt(scheduleIds.training, '2027-03-05T17:00:00Z');
    assert.match(run.starterId, /^training-schedule-/);
    assert.deepEqual(
      { workflowId: run.workflowId, started: run.started },
      { workflowId: 'training-2027-W09', started: true },
    );
    const described = await h.client.workflow.getHandle('training-2027-W09').describe();
    assert.equal(described.type, 'weeklyTrainingWorkflow');
    const backfill = await runBackfill(h.client, {
      target: backfillTarget('weekly-training'),
      from: '2027-03-06',
      to: '2027-03-06',
      taskQueue: h.taskQueue,
    });
    assert.deepEqual(backfill.skipped, ['training-2027-W09']);
    assert.equal(backfill.started.length, 0);
    // The training itself is weeklyTrainingWorkflow's test; here it has no data and is stopped.
    await h.client.workflow.getHandle('training-2027-W09').terminate('test: starter checked');
    await recordHistory(h.client, run.starterId, 'weekly-training-scheduled');
  });
});

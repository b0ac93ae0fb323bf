import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { applySchedules } from '../../../client/schedules/apply-schedules';
import { scheduleDefinitions } from '../../../client/schedules/schedule-definitions';
import { kstDate } from '../../../schemas/reports/report-periods';
import { connectClient, uniqueTaskQueue } from '../../support/temporal-env';

// The report schedules on the dev server: applied from the one list, their next runs in Asia/Seoul.
const { client, close } = await connectClient();
const taskQueue = uniqueTaskQueue('report-schedules');
const definitions = scheduleDefinitions({ cpuTaskQueue: taskQueue })
  .filter((d) => d.scheduleId === 'daily-report' || d.scheduleId === 'cumulative-report')
  .map((d) => ({ ...d, scheduleId: `${d.scheduleId}-${taskQueue}`, state: { paused: true } }));

after(async () => {
  for (const d of definitions)
    await client.schedule
      .getHandle(d.scheduleId)
      .delete()
      .catch(() => undefined);
  await close();
});

it('declares the daily report and the cumulative chain', async () => {
  assert.equal(definitions.length, 2);
  assert.deepEqual(
    (await applySchedules(client, definitions)).map((a) => a.action),
    ['created', 'created'],
  );
});

it('runs the daily report at 05:00 Asia/Seoul, Monday to Friday, never holding a day back for another', async () => {
  const d = await client.schedule.getHandle(definitions[0]!.scheduleId).describe();
  assert.equal(d.spec.timezone, 'Asia/Seoul');
  assert.equal(d.policies.overlap, ScheduleOverlapPolicy.ALLOW_ALL);
  assert.ok(d.info.nextActionTimes.length >= 3);
  for (const next of d.info.nextActionTimes) {
    // 05:00 KST is 20:00 UTC the day before; the KST day is a weekday.
    assert.equal(next.getUTCHours(), 20);
    assert.equal(next.getUTCMinutes(), 0);
    const kstDay = new Date(`${kstDate(next.getTime())}T00:00:00Z`).getUTCDay();
    assert.ok(kstDay >= 1 && kstDay <= 5, `${next.toISOString()} is a KST weekday`);
  }
});

it('runs the cumulative chain the first day after each quarter', async () => {
  const d = await client.schedule.getHandle(definitions[1]!.scheduleId).describe();
  assert.equal(d.spec.timezone, 'Asia/Seoul');
  for (const next of d.info.nextActionTimes) {
    const day = kstDate(next.getTime());
    assert.ok(['01-01', '04-01', '07-01', '10-01'].includes(day.slice(5)), day);
  }
});

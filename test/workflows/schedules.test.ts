import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { applySchedules, listSchedules } from '../../client/schedules/apply-schedules';
import { scheduleDefinitions } from '../../client/schedules/schedule-definitions';
import { connectClient, uniqueTaskQueue } from '../support/temporal-env';

const { client, close } = await connectClient();
const taskQueue = uniqueTaskQueue('schedules');
const definitions = scheduleDefinitions({ cpuTaskQueue: taskQueue }).map((d) => ({
  ...d,
  scheduleId: `${d.scheduleId}-${taskQueue}`,
}));

after(async () => {
  for (const d of definitions)
    await client.schedule
      .getHandle(d.scheduleId)
      .delete()
      .catch(() => undefined);
  await close();
});

it('applies the declared schedules idempotently: created once, then updated in place', async () => {
  assert.deepEqual(
    (await applySchedules(client, definitions)).map((a) => a.action),
    definitions.map(() => 'created'),
  );
  assert.deepEqual(
    (await applySchedules(client, definitions)).map((a) => a.action),
    definitions.map(() => 'updated'),
  );
  const listed = (await listSchedules(client)).filter((s) => s.scheduleId.endsWith(taskQueue));
  assert.equal(listed.length, definitions.length);
});

it('runs weekly training on Saturdays at 02:00 Asia/Seoul, skipping overlaps', async () => {
  const id = definitions.find((d) => d.scheduleId.startsWith('weekly-training'))!.scheduleId;
  const description = await client.schedule.getHandle(id).describe();
  assert.equal(description.spec.timezone, 'Asia/Seoul');
  assert.equal(description.policies.overlap, ScheduleOverlapPolicy.SKIP);
  assert.equal(description.action.type, 'startWorkflow');
  const next = description.info.nextActionTimes[0]!;
  // 02:00 KST on a Saturday is 17:00 UTC on the Friday before.
  assert.equal(next.getUTCDay(), 5);
  assert.equal(next.getUTCHours(), 17);
  assert.equal(next.getUTCMinutes(), 0);
});

it('runs batch detection every hour at :05 with a 48-hour lookback, skipping overlaps', async () => {
  const id = definitions.find((d) => d.scheduleId.startsWith('hourly-batch-detection'))!.scheduleId;
  const description = await client.schedule.getHandle(id).describe();
  assert.equal(description.policies.overlap, ScheduleOverlapPolicy.SKIP);
  assert.ok(description.action.type === 'startWorkflow');
  assert.equal(description.action.workflowType, 'batchDetectionWorkflow');
  assert.deepEqual(description.action.args, [{ lookbackHours: 48 }]);
  const [first, second] = description.info.nextActionTimes;
  assert.equal(first!.getUTCMinutes(), 5);
  assert.equal(second!.getTime() - first!.getTime(), 3_600_000);
});

import { ScheduleNotFoundError, type Client, type ScheduleOptions } from '@temporalio/client';

export interface AppliedSchedule {
  scheduleId: string;
  action: 'created' | 'updated';
}

/** Creates each declared schedule, or updates it in place to the declaration: running it twice changes nothing. */
export async function applySchedules(client: Client, definitions: ScheduleOptions[]): Promise<AppliedSchedule[]> {
  const applied: AppliedSchedule[] = [];
  for (const definition of definitions) {
    const handle = client.schedule.getHandle(definition.scheduleId);
    try {
      await handle.describe();
      await handle.update((previous) => ({
        ...previous,
        spec: definition.spec,
        action: definition.action as never,
        policies: { ...previous.policies, ...definition.policies },
      }));
      applied.push({ scheduleId: definition.scheduleId, action: 'updated' });
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      await client.schedule.create(definition);
      applied.push({ scheduleId: definition.scheduleId, action: 'created' });
    }
  }
  return applied;
}

/** Each schedule with its next runs and its most recent action, for operators. */
export async function listSchedules(client: Client) {
  const out = [];
  for await (const summary of client.schedule.list()) {
    const description = await client.schedule.getHandle(summary.scheduleId).describe();
    out.push({
      scheduleId: summary.scheduleId,
      paused: description.state.paused,
      nextRuns: description.info.nextActionTimes.slice(0, 3).map((d) => d.toISOString()),
      lastRun: description.info.recentActions.at(-1)?.takenAt?.toISOString() ?? null,
    });
  }
  return out;
}

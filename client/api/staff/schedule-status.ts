import type { Client } from '@temporalio/client';
import type { StaffOptions } from './staff-deps';
import { describeRun, runLink, type RunStatus } from './temporal-info';

export interface ScheduleStatus {
  scheduleId: string;
  workflowType: string | null;
  paused: boolean;
  nextRuns: string[];
  lastRun: (RunStatus & { takenAt: string }) | null;
  link: string;
}

/** The dashboard waits this long for Temporal's schedule API, then shows the schedules as unavailable. */
const SCHEDULES_DEADLINE_MS = 3000;

/**
 * scheduleStatuses, remembered for `ttlMs`: schedules change at most once a minute, and a busy dashboard should not
 * put one describe per schedule on Temporal for every page view. A failed lookup is not remembered.
 */
export function cachedScheduleStatuses(client: Client, options: StaffOptions, ttlMs = 10_000) {
  let cached: { at: number; value: Promise<ScheduleStatus[]> } | undefined;
  return (): Promise<ScheduleStatus[]> => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const value = client.connection.withDeadline(Date.now() + SCHEDULES_DEADLINE_MS, () =>
      scheduleStatuses(client, options),
    );
    cached = { at: Date.now(), value };
    value.catch(() => (cached = undefined));
    return value;
  };
}

/** Each Temporal schedule with its next runs and its last run's status, via the client's schedule API. */
export async function scheduleStatuses(client: Client, options: StaffOptions): Promise<ScheduleStatus[]> {
  const ids: string[] = [];
  for await (const summary of client.schedule.list()) ids.push(summary.scheduleId);
  return Promise.all(
    ids.sort().map(async (scheduleId): Promise<ScheduleStatus> => {
      const description = await client.schedule.getHandle(scheduleId).describe();
      const last = description.info.recentActions.at(-1);
      const action = description.action;
      const lastRun = last
        ? {
            takenAt: last.takenAt.toISOString(),
            ...(await describeRun(
              client,
              options,
              last.action.workflow.workflowId,
              last.action.workflow.firstExecutionRunId,
            )),
          }
        : null;
      return {
        scheduleId,
        workflowType: action.type === 'startWorkflow' ? action.workflowType : null,
        paused: description.state.paused,
        nextRuns: description.info.nextActionTimes.slice(0, 3).map((d) => d.toISOString()),
        lastRun,
        link: `${options.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(options.temporalNamespace)}/schedules/${encodeURIComponent(scheduleId)}`,
      };
    }),
  );
}
export { runLink };

import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';

/** Every schedule the system runs, declared once; `schedules apply` creates or updates them to match. */
export function scheduleDefinitions(options: { cpuTaskQueue: string }): ScheduleOptions[] {
  return [
    {
      scheduleId: 'weekly-training',
      spec: {
        // Saturday 02:00 KST: the trading week has ended and nothing else is running.
        calendars: [{ dayOfWeek: 'SATURDAY', hour: 2, minute: 0 }],
        timezone: 'Asia/Seoul',
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'weeklyTrainingWorkflow',
        // The server appends the scheduled time, so each week's run has its own id.
        workflowId: 'training',
        taskQueue: options.cpuTaskQueue,
        args: [{}],
      },
      policies: {
        // A second run of the same week would only compete for the GPU; a missed week is recovered by backfill.
        overlap: ScheduleOverlapPolicy.SKIP,
        catchupWindow: '1 day',
      },
      memo: { owner: 'swap-reporting', purpose: 'retrain the anomaly ensemble on the week that ended' },
    },
  ];
}

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
    {
      scheduleId: 'hourly-batch-detection',
      spec: {
        // Every hour at :05, after the hour's real-time flow and any file ingested on the hour.
        calendars: [{ hour: '*', minute: 5 }],
        timezone: 'Asia/Seoul',
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'batchDetectionWorkflow',
        workflowId: 'batch-detection-hourly',
        taskQueue: options.cpuTaskQueue,
        // Two days back from the scheduled time: trades that missed their ingest's batch (or an API anomaly whose
        // workflow could not be started) are picked up; already scored trades cost only the lookup.
        args: [{ lookbackHours: 48 }],
      },
      policies: {
        // One batch at a time: a second would compete for the same unscored trades. A missed hour needs no
        // catch-up run of its own, since the next run's 48-hour lookback covers it.
        overlap: ScheduleOverlapPolicy.SKIP,
        catchupWindow: '1 hour',
      },
      memo: { owner: 'swap-reporting', purpose: 'score trades that no ingest or API request has scored yet' },
    },
  ];
}

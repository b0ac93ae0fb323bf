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
        // A starter (ids training-schedule-<time>) that runs training-<week> of the week that ended, once: the id
        // backfill uses, so a week trained by a backfill is joined, not trained twice.
        workflowType: 'weeklyTrainingScheduledWorkflow',
        workflowId: 'training-schedule',
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
      scheduleId: 'daily-report',
      spec: {
        // 05:00 KST, Monday–Friday: the regulator's deadline; a holiday run ends "skipped: holiday" by itself.
        calendars: [{ dayOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], hour: 5, minute: 0 }],
        timezone: 'Asia/Seoul',
      },
      action: {
        type: 'startWorkflow',
        // A starter (ids ktfc-daily-schedule-<time>) that runs ktfc-daily-<date> of the scheduled KST day once:
        // the id the CLI and backfill use, so a date reported by hand is joined, not reported twice.
        workflowType: 'dailyReportScheduledWorkflow',
        workflowId: 'ktfc-daily-schedule',
        taskQueue: options.cpuTaskQueue,
        args: [{}],
      },
      policies: {
        // The starter ends within seconds and each date's report (which may wait days for an acknowledgement) is
        // its own workflow: nothing here may hold the next morning's report back.
        overlap: ScheduleOverlapPolicy.ALLOW_ALL,
        // A server outage at 05:00 still files the same morning; an older miss is recovered by `backfill`.
        catchupWindow: '6 hours',
      },
      memo: { owner: 'swap-reporting', purpose: 'KTFC daily report' },
    },
    {
      scheduleId: 'cumulative-report',
      spec: {
        // 06:00 KST on the first day after each quarter, after that morning's daily report.
        calendars: [{ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 6, minute: 0 }],
        timezone: 'Asia/Seoul',
      },
      action: {
        type: 'startWorkflow',
        // A starter that runs cumulative-chain-<quarter> once (the id `report cumulative` and backfill use).
        workflowType: 'cumulativeReportScheduledWorkflow',
        workflowId: 'cumulative-chain-schedule',
        taskQueue: options.cpuTaskQueue,
        args: [{}],
      },
      policies: {
        // Quarters are months apart; a second chain at the same time would only rebuild the same reports.
        overlap: ScheduleOverlapPolicy.SKIP,
        catchupWindow: '1 day',
      },
      memo: { owner: 'swap-reporting', purpose: 'quarterly, half-year and annual anomaly reports, in order' },
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

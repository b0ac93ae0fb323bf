import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/common';
import { log, ParentClosePolicy, startChild, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { trainingWeekFor } from '../schemas/calendar/iso-week';
import { KST_OFFSET_MINUTES } from '../schemas/calendar/kst';
import { kstDate, quarterEndedBefore } from '../schemas/reports/report-periods';
import type { CumulativeReportInput, DailyReportInput } from '../schemas/report-workflow';
import type { WeeklyTrainingInput } from '../schemas/model-training';
import { cumulativeChainWorkflowId, dailyReportWorkflowId, trainingWorkflowId } from '../schemas/workflow-ids';

const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** What a scheduled starter did: started the business run, or found it already there (CLI, backfill, a rerun). */
export interface ScheduledStart {
  workflowId: string;
  started: boolean;
}

/** The schedules pass `{}`: everything comes from the scheduled start time. */
type NoInput = Record<string, never>;

/** The KST calendar day of this run's scheduled start time (the workflow clock when started by hand). */
function scheduledKstDate(): string {
  const scheduled = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  return kstDate((scheduled ?? new Date()).getTime());
}

/**
 * Starts `workflowType` under its business id as an abandoned child that outlives this starter, once: REJECT_DUPLICATE
 * refuses a second run of the id even after the first closed, and an existing run is joined, not an error.
 */
async function startOnce(
  workflowType: 'dailyReportWorkflow' | 'cumulativeReportWorkflow' | 'weeklyTrainingWorkflow',
  workflowId: string,
  args: [DailyReportInput] | [CumulativeReportInput] | [WeeklyTrainingInput],
): Promise<ScheduledStart> {
  try {
    await startChild(workflowType, {
      workflowId,
      args,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { workflowId, started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    log.info('already started elsewhere; nothing to do', { workflowId });
    return { workflowId, started: false };
  }
}

/**
 * What the `daily-report` schedule runs (ids `ktfc-daily-schedule-<time>`): the business date of the scheduled
 * time in KST, then `ktfc-daily-<date>` — the same id the CLI and backfill use, so every path runs a date once.
 */
export async function dailyReportScheduledWorkflow(_input: NoInput = {}): Promise<ScheduledStart> {
  const businessDate = scheduledKstDate();
  return startOnce('dailyReportWorkflow', dailyReportWorkflowId(businessDate), [{ businessDate }]);
}

/** What the `cumulative-report` schedule runs: the quarter that ended before the scheduled day, run once. */
export async function cumulativeReportScheduledWorkflow(_input: NoInput = {}): Promise<ScheduledStart> {
  const quarter = quarterEndedBefore(scheduledKstDate());
  return startOnce('cumulativeReportWorkflow', cumulativeChainWorkflowId(quarter), [{ quarter }]);
}

/**
 * What the `weekly-training` schedule runs (ids `training-schedule-<time>`): the ISO week (KST) that ended before the
 * scheduled time, then `training-<week>` — the id backfill uses, so a week is trained once whichever path starts it.
 */
export async function weeklyTrainingScheduledWorkflow(_input: NoInput = {}): Promise<ScheduledStart> {
  const scheduled = workflowInfo().typedSearchAttributes.get(SCHEDULED_START) ?? new Date();
  const week = trainingWeekFor(scheduled.getTime(), KST_OFFSET_MINUTES);
  return startOnce('weeklyTrainingWorkflow', trainingWorkflowId(week), [{ week }]);
}

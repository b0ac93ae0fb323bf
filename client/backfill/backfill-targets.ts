import { trainingWeekFor } from '../../schemas/calendar/iso-week';
import { KST_OFFSET_MINUTES } from '../../schemas/calendar/kst';
import { datesBetween, isWeekday, quarterEndedBefore } from '../../schemas/reports/report-periods';
import { cumulativeChainWorkflowId, dailyReportWorkflowId, trainingWorkflowId } from '../../schemas/workflow-ids';

/** One run a backfill would start: a deterministic id, so an existing run is found and skipped. */
export interface PlannedRun {
  date: string;
  workflowId: string;
  workflowType: string;
  args: unknown[];
}

export interface BackfillTarget {
  /** The schedule id it mirrors (schedules apply) or the workflow's name. */
  name: string;
  description: string;
  plan(from: string, to: string): PlannedRun[];
}

const QUARTER_STARTS = new Set(['01-01', '04-01', '07-01', '10-01']);

/**
 * What `backfill NAME` can fill: each schedule's runs over a date range, as the schedule would have started them
 * (daily report Mon–Fri, the cumulative chain the first day after a quarter, training on Saturdays).
 */
export const BACKFILL_TARGETS: BackfillTarget[] = [
  {
    name: 'daily-report',
    description: 'dailyReportWorkflow for every Monday–Friday (holidays end "skipped: holiday")',
    plan: (from, to) =>
      datesBetween(from, to)
        .filter(isWeekday)
        .map((date) => ({
          date,
          workflowId: dailyReportWorkflowId(date),
          workflowType: 'dailyReportWorkflow',
          args: [{ businessDate: date }],
        })),
  },
  {
    name: 'cumulative-report',
    description: 'cumulativeReportWorkflow for every quarter that ends in the range',
    plan: (from, to) =>
      datesBetween(from, to)
        .filter((d) => QUARTER_STARTS.has(d.slice(5)))
        .map((date) => {
          const quarter = quarterEndedBefore(date);
          return {
            date,
            workflowId: cumulativeChainWorkflowId(quarter),
            workflowType: 'cumulativeReportWorkflow',
            args: [{ quarter }],
          };
        }),
  },
  {
    name: 'weekly-training',
    description: 'weeklyTrainingWorkflow for every Saturday (the week that ended)',
    plan: (from, to) =>
      datesBetween(from, to)
        .filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)
        .map((date) => {
          // 02:00 KST on that Saturday, as the schedule would have run it.
          const week = trainingWeekFor(Date.parse(`${date}T02:00:00+09:00`), KST_OFFSET_MINUTES);
          return {
            date,
            workflowId: trainingWorkflowId(week),
            workflowType: 'weeklyTrainingWorkflow',
            args: [{ week }],
          };
        }),
  },
];

/** The target of a name, also accepting the workflow's type (`dailyReportWorkflow`). */
export function backfillTarget(name: string): BackfillTarget {
  const target = BACKFILL_TARGETS.find(
    (t) => t.name === name || t.plan('2026-01-01', '2026-12-31')[0]?.workflowType === name,
  );
  if (!target)
    throw new Error(
      `unknown backfill target "${name}"; expected one of ${BACKFILL_TARGETS.map((t) => t.name).join(', ')}`,
    );
  return target;
}

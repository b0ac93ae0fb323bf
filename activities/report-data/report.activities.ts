import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { koreanHolidays } from '../../schemas/calendar/korean-holidays';
import type { BuiltReport } from '../../schemas/report-workflow';
import { buildDailyReport, type BuildDailyInput, type BuildDeps } from './build-daily-report';
import { buildPeriodReport, MissingSourceReportError } from './build-period-report';
import { addEvent, getReport } from './report-repository';

export interface ReportActivityDeps {
  db: Db;
  logger: Logger;
  reportsDir: string;
  entityLei: string;
  machineFormat: 'csv' | 'xml';
}

function heartbeatingDeps(deps: ReportActivityDeps): BuildDeps {
  return {
    db: deps.db,
    reportsDir: deps.reportsDir,
    entityLei: deps.entityLei,
    machineFormat: deps.machineFormat,
    progress: (rows) => Context.current().heartbeat({ rows }),
  };
}

/** Report building: the holiday calendar, the daily/correction report, the cumulative reports, report events. */
export function createReportActivities(deps: ReportActivityDeps) {
  return {
    /** Holiday and closure dates of the given years; a year without data fails loudly (never "all business days"). */
    async loadHolidayDates(input: { years: number[] }): Promise<string[]> {
      try {
        return input.years.flatMap((year) => [...koreanHolidays(year).keys()]).sort();
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, 'MissingCalendarData');
      }
    },

    async buildDailyReport(input: BuildDailyInput): Promise<BuiltReport> {
      const built = await buildDailyReport(heartbeatingDeps(deps), input);
      deps.logger.info(
        { reportId: built.reportId, rows: built.rowCount, sha256: built.machineSha256 },
        'report archived',
      );
      return built;
    },

    async buildPeriodReport(input: { period: string; generatedAt: string; workflowId: string }): Promise<BuiltReport> {
      try {
        return await buildPeriodReport(heartbeatingDeps(deps), input);
      } catch (error) {
        if (error instanceof MissingSourceReportError)
          throw ApplicationFailure.nonRetryable(error.message, 'MissingSourceReport');
        throw error;
      }
    },

    /** The original daily report of a date, for a correction: it must have been sent. */
    async findReportedDaily(input: { reportId: string }) {
      const report = await getReport(deps.db.kysely, input.reportId);
      if (!report || !['transmitted', 'acknowledged', 'not_reported'].includes(report.status))
        throw ApplicationFailure.nonRetryable(`${input.reportId} was not reported: nothing to correct`, 'NotReported');
      return { periodStart: report.period_start.toISOString(), periodEnd: report.period_end.toISOString() };
    },

    /** Whether a report has gone out (transmitted or acknowledged): a correction is never sent before its original. */
    async isReportTransmitted(input: { reportId: string }): Promise<boolean> {
      const report = await getReport(deps.db.kysely, input.reportId);
      return report?.status === 'transmitted' || report?.status === 'acknowledged';
    },

    async recordReportEvent(input: { reportId: string; event: string; detail?: Record<string, unknown> }) {
      await addEvent(deps.db.kysely, input.reportId, input.event, input.detail ?? {});
      deps.logger.info({ reportId: input.reportId, event: input.event, ...input.detail }, 'report event');
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;

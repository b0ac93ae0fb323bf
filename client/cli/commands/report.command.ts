import type { Command } from 'commander';
import { resubmitDailyReport, startCumulativeReport, startDailyReport } from '../../reports/report-runs';
import { temporalUiLink } from '../../temporal/connect';
import { cliContext } from '../context';
import { printResult } from '../output';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `report daily --date D`, `report cumulative --quarter 2026-Q4`, `report resubmit --date D`. */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('regulatory reports: run one now, or resubmit a rejected one');
  report
    .command('daily')
    .description("start (or join) a business date's KTFC daily report")
    .requiredOption('--date <YYYY-MM-DD>', 'KST business date')
    .option('--wait', 'wait until it is acknowledged (or skipped)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { date: string; wait?: boolean; json?: boolean }) => {
      if (!DATE.test(options.date)) throw new Error('--date must be YYYY-MM-DD');
      const ctx = cliContext();
      const { client, close } = await ctx.temporal();
      try {
        const run = await startDailyReport(client, {
          businessDate: options.date,
          taskQueue: ctx.config.CPU_TASK_QUEUE,
        });
        const result = options.wait ? await client.workflow.getHandle(run.workflowId).result() : undefined;
        const link = temporalUiLink(ctx.config.TEMPORAL_UI_URL, ctx.config.TEMPORAL_NAMESPACE, run.workflowId);
        printResult(Boolean(options.json), { ...run, link, result }, () =>
          [
            `${run.started ? 'started' : 'already exists'}: ${run.workflowId}`,
            link,
            result ? JSON.stringify(result) : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        await close();
      }
    });
  report
    .command('cumulative')
    .description("run a quarter's cumulative chain (quarterly, then half-year and annual where due)")
    .requiredOption('--quarter <YYYY-Qn>', 'e.g. 2026-Q4')
    .option('--wait', 'wait for the whole chain')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { quarter: string; wait?: boolean; json?: boolean }) => {
      if (!/^\d{4}-Q[1-4]$/.test(options.quarter)) throw new Error('--quarter must look like 2026-Q4');
      const ctx = cliContext();
      const { client, close } = await ctx.temporal();
      try {
        const run = await startCumulativeReport(client, {
          quarter: options.quarter,
          taskQueue: ctx.config.CPU_TASK_QUEUE,
        });
        const result = options.wait ? await client.workflow.getHandle(run.workflowId).result() : undefined;
        printResult(
          Boolean(options.json),
          { ...run, result },
          () =>
            `${run.started ? 'started' : 'already exists'}: ${run.workflowId}${result ? `\n${JSON.stringify(result)}` : ''}`,
        );
      } finally {
        await close();
      }
    });
  report
    .command('resubmit')
    .description('send a rejected ("not reported") daily report again; it stays not reported until acknowledged')
    .requiredOption('--date <YYYY-MM-DD>', 'KST business date')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { date: string; reason?: string; json?: boolean }) => {
      if (!DATE.test(options.date)) throw new Error('--date must be YYYY-MM-DD');
      const { client, close } = await cliContext().temporal();
      try {
        const done = await resubmitDailyReport(client, {
          businessDate: options.date,
          ...(options.reason ? { reason: options.reason } : {}),
        });
        printResult(Boolean(options.json), done, () => `resubmission requested: ${done.workflowId}`);
      } finally {
        await close();
      }
    });
}

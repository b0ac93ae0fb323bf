import type { Command } from 'commander';
import { applySchedules, listSchedules } from '../../schedules/apply-schedules';
import { scheduleDefinitions } from '../../schedules/schedule-definitions';
import { cliContext } from '../context';
import { printResult } from '../output';

export function registerScheduleCommands(program: Command): void {
  const schedules = program.command('schedules').description('schedules, from the one declared list');
  schedules
    .command('apply')
    .description('create or update every declared schedule (idempotent)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { json?: boolean }) => {
      const ctx = cliContext();
      const { client, close } = await ctx.temporal();
      try {
        const applied = await applySchedules(client, scheduleDefinitions({ cpuTaskQueue: ctx.config.CPU_TASK_QUEUE }));
        printResult(Boolean(options.json), { applied }, () =>
          applied.map((a) => `${a.action} ${a.scheduleId}`).join('\n'),
        );
      } finally {
        await close();
      }
    });
  schedules
    .command('list')
    .description('schedules with their next runs and last run')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { json?: boolean }) => {
      const { client, close } = await cliContext().temporal();
      try {
        const list = await listSchedules(client);
        printResult(Boolean(options.json), { schedules: list }, () =>
          list
            .map(
              (s) =>
                `${s.scheduleId}${s.paused ? ' (paused)' : ''}  next ${s.nextRuns[0] ?? '-'}  last ${s.lastRun ?? '-'}`,
            )
            .join('\n'),
        );
      } finally {
        await close();
      }
    });
}

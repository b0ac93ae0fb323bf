import type { Command } from 'commander';
import { backfillTarget, BACKFILL_TARGETS } from '../../backfill/backfill-targets';
import { runBackfill } from '../../backfill/run-backfill';
import { cliContext } from '../context';
import { printResult, progressBar } from '../output';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `backfill NAME --from D --to D [--dry-run]`: a schedule's or workflow's missed runs, skipping existing ones. */
export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description(`start the missed runs of a schedule or workflow (${BACKFILL_TARGETS.map((t) => t.name).join(', ')})`)
    .argument('<name>', 'schedule id or workflow type')
    .requiredOption('--from <YYYY-MM-DD>', 'first date (KST)')
    .requiredOption('--to <YYYY-MM-DD>', 'last date (KST), included')
    .option('--dry-run', 'list what would start, start nothing')
    .option('--json', 'print one JSON object on stdout')
    .action(async (name: string, options: { from: string; to: string; dryRun?: boolean; json?: boolean }) => {
      if (!DATE.test(options.from) || !DATE.test(options.to)) throw new Error('--from and --to must be YYYY-MM-DD');
      const target = backfillTarget(name);
      const ctx = cliContext();
      const { client, close } = await ctx.temporal();
      const bar = progressBar(`backfill ${target.name}`, target.plan(options.from, options.to).length);
      try {
        const summary = await runBackfill(client, {
          target,
          from: options.from,
          to: options.to,
          taskQueue: ctx.config.CPU_TASK_QUEUE,
          dryRun: Boolean(options.dryRun),
          onProgress: (done, _total, run) => bar.update(done, { unit: 'runs', detail: run.workflowId }),
        });
        bar.stop();
        printResult(Boolean(options.json), { ...summary }, () =>
          [
            `${target.name} ${options.from}..${options.to}${summary.dryRun ? ' (dry run)' : ''}: ` +
              `${summary.planned} planned, ${summary.started.length} ${summary.dryRun ? 'would start' : 'started'}, ` +
              `${summary.skipped.length} already existed`,
            ...summary.started.map((id) => `  + ${id}`),
          ].join('\n'),
        );
      } finally {
        bar.stop();
        await close();
      }
    });
}

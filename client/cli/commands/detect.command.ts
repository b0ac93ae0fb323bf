import type { Command } from 'commander';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { kstDateRange } from '../../../activities/detection/kst-range';
import { exportScores } from '../../../activities/detection/scores-export';
import {
  BATCH_DETECTION_STATE_QUERY,
  batchDetectionRangeId,
  type BatchDetectionState,
} from '../../../schemas/batch-detection';
import { temporalUiLink } from '../../temporal/connect';
import { cliContext } from '../context';
import { note, printResult, progressBar } from '../output';

/** `detect --from D --to D`, `scores export --from D --to D --out FILE`: batch detection and its results. */
export function registerDetectCommands(program: Command): void {
  program
    .command('detect')
    .description('run batchDetectionWorkflow over KST dates D..D (or ISO instants) and wait for it')
    .requiredOption('--from <date>', 'first KST business date (YYYY-MM-DD) or an ISO instant')
    .requiredOption('--to <date>', 'last KST business date (inclusive) or an ISO instant (exclusive)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      const range = kstDateRange(options.from, options.to);
      const [from, to] = [range.from.toISOString(), range.to.toISOString()];
      const ctx = cliContext();
      const { client, close } = await ctx.temporal();
      try {
        const workflowId = batchDetectionRangeId(from, to);
        // The same range while a run is going joins it; a finished range runs again (and scores what is new).
        const handle = await client.workflow.start('batchDetectionWorkflow', {
          workflowId,
          taskQueue: ctx.config.CPU_TASK_QUEUE,
          args: [{ from, to }],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        });
        note(
          `workflow ${workflowId}: ${temporalUiLink(ctx.config.TEMPORAL_UI_URL, ctx.config.TEMPORAL_NAMESPACE, workflowId)}`,
        );
        // Returns once the batch is done or only its alert waits for the alert window (which may be days away).
        let result: BatchDetectionState | undefined;
        for (;;) {
          result = await handle.query<BatchDetectionState>(BATCH_DETECTION_STATE_QUERY).catch(() => undefined);
          if (result?.phase === 'done' || result?.phase === 'alert_pending') break;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        printResult(Boolean(options.json), { workflowId, ...result }, () =>
          [
            `scored ${result.scored} of ${result.trades} unscored trades in ${result.chunks} chunks`,
            `new anomalies ${result.newAnomalies}, anomaly workflows started ${result.workflowsStarted}`,
            `batch alert ${alertLine(result)}; report ${result.reportPath ?? '(none)'}`,
          ].join('\n'),
        );
      } finally {
        await close();
      }
    });

  program
    .command('scores')
    .description('trade scores')
    .command('export')
    .description('per trade event scored in KST dates D..D: uti, score, decision, rule hits, model version (CSV)')
    .requiredOption('--from <date>', 'first KST business date (YYYY-MM-DD) or an ISO instant')
    .requiredOption('--to <date>', 'last KST business date (inclusive) or an ISO instant (exclusive)')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { from: string; to: string; out: string; json?: boolean }) => {
      const range = kstDateRange(options.from, options.to);
      const db = cliContext().database();
      try {
        const { total } = await db.kysely
          .selectFrom('trade_scores')
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .where('execution_ts', '>=', range.from)
          .where('execution_ts', '<', range.to)
          .executeTakeFirstOrThrow();
        const bar = progressBar('export', Number(total));
        const { rows } = await exportScores(db.kysely, {
          ...range,
          out: options.out,
          onRows: (n) => bar.update(n, { unit: 'rows', detail: options.out }),
        });
        bar.stop();
        printResult(
          Boolean(options.json),
          { out: options.out, rows },
          () => `${rows} scores written to ${options.out}`,
        );
      } finally {
        await db.close();
      }
    });
}

function alertLine(state: BatchDetectionState): string {
  if (state.alertSent) return 'sent';
  if (state.phase === 'alert_pending')
    return `pending until the alert window opens at ${state.alertPendingUntil ?? '?'}`;
  return 'not sent';
}

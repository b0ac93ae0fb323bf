import type { Command } from 'commander';
import { listModelVersions, promoteModelVersion } from '../../../activities/models/registry/model-registry';
import { cliContext } from '../context';
import { note, printResult } from '../output';

/** `train`, `models list|promote|rollback`: the model life cycle. */
export function registerModelCommands(program: Command): void {
  program
    .command('train')
    .description('run weeklyTrainingWorkflow now and wait for its decision')
    .option('--week <week>', 'ISO week YYYY-Www in KST (default: the week that has just ended)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { week?: string; json?: boolean }) => {
      const ctx = cliContext();
      const { client, close } = await ctx.temporal();
      try {
        const id = `training-${options.week ?? 'latest'}-manual-${Date.now()}`;
        const handle = await client.workflow.start('weeklyTrainingWorkflow', {
          workflowId: id,
          taskQueue: ctx.config.CPU_TASK_QUEUE,
          args: [options.week ? { week: options.week } : {}],
        });
        note(`workflow ${id} started`);
        const result = (await handle.result()) as Record<string, unknown>;
        printResult(Boolean(options.json), { workflowId: id, ...result }, () => JSON.stringify(result, null, 2));
      } finally {
        await close();
      }
    });

  const models = program.command('models').description('model versions');
  models
    .command('list')
    .description('every model version with its status and hold-out metrics')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { json?: boolean }) => {
      const db = cliContext().database();
      try {
        const versions = await listModelVersions(db.kysely);
        printResult(
          Boolean(options.json),
          { versions },
          () =>
            versions
              .map((v) => {
                const auc = (v.metrics['ensemble'] as { rocAuc?: number } | undefined)?.rocAuc;
                return `${v.status.padEnd(9)} ${v.version}  week ${v.trainingWeek}  ROC AUC ${auc?.toFixed(4) ?? '-'}  ${v.promotionReason ?? ''}`;
              })
              .join('\n') || 'no model versions yet',
        );
      } finally {
        await db.close();
      }
    });
  for (const [name, event, describe] of [
    ['promote', 'promoted', 'make a version the champion'],
    ['rollback', 'rolled_back', 'roll the champion back to an earlier version'],
  ] as const) {
    models
      .command(name)
      .description(describe)
      .argument('<version>', 'model version (see models list)')
      .option('--reason <text>', 'why, for the model history', `${name} by an operator`)
      .option('--json', 'print one JSON object on stdout')
      .action(async (version: string, options: { reason: string; json?: boolean }) => {
        const db = cliContext().database();
        try {
          const result = await promoteModelVersion(db.kysely, {
            version,
            reason: options.reason,
            actor: process.env.USER ?? 'operator',
            event,
            at: new Date(),
          });
          printResult(Boolean(options.json), { version, ...result }, () =>
            result.changed
              ? `${version} is the champion (was ${result.previous ?? 'none'})`
              : `${version} already is the champion`,
          );
        } finally {
          await db.close();
        }
      });
  }
}

import type { Command } from 'commander';
import { exportHistory, readHistoryFile, writeHistoryFile } from '../../replay/history-files';
import { replayHistories } from '../../replay/replay-histories';
import { cliContext } from '../context';
import { printResult } from '../output';

/** Auditors' commands: export a run's history from the server, replay histories against today's code. */
export function registerReplayCommands(program: Command): void {
  program
    .command('replay')
    .description('replay workflow histories (files, or a run fetched from the server) against the current code')
    .argument('[files...]', 'history JSON files (from `history export` or `temporal workflow show --output json`)')
    .option('--workflow-id <id>', 'fetch this run from the server and replay it')
    .option('--run-id <id>', 'with --workflow-id: a specific run')
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], options: { workflowId?: string; runId?: string; json?: boolean }) => {
      if (!files.length && !options.workflowId) throw new Error('name history files or --workflow-id');
      const histories = await Promise.all(files.map((f) => readHistoryFile(f)));
      if (options.workflowId) {
        const { client, close } = await cliContext().temporal();
        try {
          const exported = await exportHistory(client, options.workflowId, options.runId);
          histories.push({ ...(await parseExported(exported)), workflowType: exported.workflowType });
        } finally {
          await close();
        }
      }
      const outcomes = await replayHistories(histories);
      const failed = outcomes.filter((o) => !o.ok);
      printResult(Boolean(options.json), { replayed: outcomes.length, failed: failed.length, outcomes }, () =>
        outcomes.map((o) => `${o.ok ? 'ok    ' : 'FAILED'} ${o.workflowId}${o.error ? `: ${o.error}` : ''}`).join('\n'),
      );
      if (failed.length) process.exitCode = 1;
    });

  const history = program.command('history').description('workflow histories');
  history
    .command('export')
    .description("write a run's full history to a JSON file")
    .requiredOption('--workflow-id <id>', 'workflow id')
    .option('--run-id <id>', 'a specific run (default: the latest)')
    .requiredOption('--out <file>', 'output file')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { workflowId: string; runId?: string; out: string; json?: boolean }) => {
      const { client, close } = await cliContext().temporal();
      try {
        const exported = await exportHistory(client, options.workflowId, options.runId);
        await writeHistoryFile(options.out, exported);
        printResult(
          Boolean(options.json),
          { workflowId: exported.workflowId, runId: exported.runId, out: options.out },
          () => `wrote ${exported.workflowType} ${exported.workflowId} (${exported.runId}) to ${options.out}`,
        );
      } finally {
        await close();
      }
    });
}

async function parseExported(exported: Awaited<ReturnType<typeof exportHistory>>) {
  const { historyFromJSON } = await import('@temporalio/common/lib/proto-utils');
  return { workflowId: exported.workflowId, history: historyFromJSON(exported.history) };
}

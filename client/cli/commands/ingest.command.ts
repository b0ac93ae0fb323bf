import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { startIngest } from '../../ingest/start-ingest';
import { temporalUiLink } from '../../temporal/connect';
import { cliContext } from '../context';
import { note, printResult, progressBar } from '../output';

/** `ingest FILE`: runs (or joins) the file's ingestFileWorkflow and waits for it, with a progress bar. */
export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description("run (or join) a trade file's ingestFileWorkflow and wait for it")
    .argument('<file>', 'CSV trade file (UTF-8 with or without BOM, or CP949/EUC-KR)')
    .option('--json', 'print one JSON object on stdout')
    .option('--chunk-rows <n>', 'rows per COPY chunk and checkpoint')
    .action(async (file: string, options: { json?: boolean; chunkRows?: string }) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`no such file: ${file}`);
      const ctx = cliContext();
      const chunkRows = options.chunkRows ? Number(options.chunkRows) : ctx.config.INGEST_CHUNK_ROWS;
      if (!Number.isInteger(chunkRows) || chunkRows <= 0) throw new Error('--chunk-rows must be a positive integer');
      const { client, close } = await ctx.temporal();
      const db = ctx.config.DATABASE_URL ? ctx.database() : undefined;
      try {
        const started = await startIngest(client, { filePath: file, taskQueue: ctx.config.CPU_TASK_QUEUE, chunkRows });
        note(
          `workflow ${started.workflowId}: ${temporalUiLink(ctx.config.TEMPORAL_UI_URL, ctx.config.TEMPORAL_NAMESPACE, started.workflowId)}`,
        );
        const bar = progressBar('ingest', statSync(file).size);
        const poll = db
          ? setInterval(() => {
              void db.kysely
                .selectFrom('ingested_files')
                .select(['bytes_done', 'rows_read'])
                .where('sha256', '=', started.sha256)
                .executeTakeFirst()
                .then(
                  (row) =>
                    row && bar.update(Number(row.bytes_done), { unit: 'bytes', detail: `${row.rows_read} rows` }),
                )
                .catch(() => undefined);
            }, 500)
          : undefined;
        let result;
        try {
          result = await started.handle.result();
        } finally {
          if (poll) clearInterval(poll);
          bar.stop();
        }
        const summary = {
          workflowId: started.workflowId,
          status: result.status,
          read: result.read,
          loaded: result.loaded,
          rejected: result.rejected,
          duplicates: result.duplicates,
          fileError: result.fileError,
          encoding: result.encoding,
          warnings: result.warnings,
        };
        printResult(Boolean(options.json), summary, () =>
          result.status === 'file_rejected'
            ? `file rejected: ${result.fileError}`
            : `loaded ${result.loaded} of ${result.read} rows (${result.rejected} rejected, ${result.duplicates} duplicates)` +
              (result.warnings.length ? `\nwarnings: ${result.warnings.join('; ')}` : ''),
        );
        if (result.status === 'file_rejected') process.exitCode = 3;
      } finally {
        await db?.close();
        await close();
      }
    });
}

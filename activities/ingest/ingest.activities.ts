import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import type { FileEncoding } from './detect-encoding';
import { checkHeader } from './trade-file-header';
import { detectFileEncoding, readCsvRecords } from './trade-file-reader';
import { sha256OfFile, storeFile } from './file-store';
import { loadTradeFile, type LoadTotals } from './load-trade-file';
import { prestartParseThread } from './parse-thread-pool';
import { reconcile, type Reconciliation } from './reconcile';

export interface IngestDeps {
  db: Db;
  logger: Logger;
  clock: () => Date;
  fileStoreDir: string;
  /** Threads that parse and validate a file in parallel with the database's COPY. */
  parseThreads: number;
}

export interface RegisterFileInput {
  path: string;
  sha256: string;
  workflowId: string;
}

export interface RegisteredFile {
  fileId: number;
  status: string;
  fileError: string | null;
  encoding: FileEncoding | null;
  warnings: string[];
  alreadyComplete: boolean;
}

export interface LoadFileInput {
  fileId: number;
  chunkRows: number;
}

export interface ReconcileFileInput {
  fileId: number;
  rowsReadByParser: number;
  blankLines: number;
}

/** File ingestion ("TainTube") activities: register and inspect, load in checkpointed chunks, reconcile. */
export function createIngestActivities(deps: IngestDeps) {
  const { db } = deps;
  prestartParseThread();

  async function inspect(
    storedPath: string,
  ): Promise<{ encoding: FileEncoding | null; error: string | null; warnings: string[] }> {
    const guess = await detectFileEncoding(storedPath);
    if (!guess.ok) return { encoding: null, error: guess.error, warnings: [] };
    for await (const first of readCsvRecords(storedPath, guess.encoding)) {
      if (first.error) return { encoding: guess.encoding, error: `unreadable header: ${first.error}`, warnings: [] };
      const header = checkHeader(first.fields, first.raw);
      if (!header.ok) return { encoding: guess.encoding, error: header.error, warnings: [] };
      return { encoding: guess.encoding, error: null, warnings: header.layout.warnings };
    }
    return { encoding: guess.encoding, error: 'the file has no header row', warnings: [] };
  }

  return {
    /** Stores the file under its hash, inspects it, and records it once; a repeat returns the existing record. */
    async registerFile(input: RegisterFileInput): Promise<RegisteredFile> {
      const existing = await db.kysely
        .selectFrom('ingested_files')
        .selectAll()
        .where('sha256', '=', input.sha256)
        .executeTakeFirst();
      if (existing) {
        return {
          fileId: existing.id,
          status: existing.status,
          fileError: existing.file_error,
          encoding: existing.encoding as FileEncoding | null,
          warnings: existing.warnings,
          alreadyComplete: existing.status === 'loaded' || existing.status === 'file_rejected',
        };
      }
      if (!existsSync(input.path)) {
        throw ApplicationFailure.nonRetryable(`file not found: ${input.path}`, 'FileNotFound');
      }
      const actual = await sha256OfFile(input.path);
      if (actual !== input.sha256) {
        throw ApplicationFailure.nonRetryable(
          `file changed after it was submitted: expected SHA-256 ${input.sha256}, found ${actual}`,
          'FileChanged',
        );
      }
      const storedPath = await storeFile(deps.fileStoreDir, input.path, input.sha256);
      const { size } = await stat(storedPath);
      const inspection = await inspect(storedPath);
      const warnings = [...inspection.warnings];
      await db.kysely
        .insertInto('ingested_files')
        .values({
          sha256: input.sha256,
          original_name: path.basename(input.path),
          stored_path: storedPath,
          size_bytes: size,
          workflow_id: input.workflowId,
          encoding: inspection.encoding,
          warnings: JSON.stringify(warnings),
          status: inspection.error ? 'file_rejected' : 'registered',
          file_error: inspection.error,
          completed_at: inspection.error ? deps.clock() : null,
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      const row = await db.kysely
        .selectFrom('ingested_files')
        .selectAll()
        .where('sha256', '=', input.sha256)
        .executeTakeFirstOrThrow();
      if (row.file_error) deps.logger.warn({ fileId: row.id, error: row.file_error }, 'file rejected');
      return {
        fileId: row.id,
        status: row.status,
        fileError: row.file_error,
        encoding: row.encoding as FileEncoding | null,
        warnings: row.warnings,
        alreadyComplete: row.status === 'file_rejected',
      };
    },

    /** Streams, validates and COPYs the file in chunks; resumes after the last committed chunk. Heartbeats per chunk. */
    async loadFile(input: LoadFileInput): Promise<LoadTotals> {
      const file = await db.kysely
        .selectFrom('ingested_files')
        .selectAll()
        .where('id', '=', input.fileId)
        .executeTakeFirstOrThrow();
      if (!file.encoding)
        throw ApplicationFailure.nonRetryable(`file ${file.id} has no usable encoding`, 'FileRejected');
      const context = Context.current();
      return loadTradeFile({
        db,
        logger: deps.logger,
        fileId: file.id,
        storedPath: file.stored_path,
        encoding: file.encoding as FileEncoding,
        chunkRows: input.chunkRows,
        parseThreads: deps.parseThreads,
        nowMs: deps.clock().getTime(),
        onChunk: (progress) => context.heartbeat(progress),
        cancelled: () => context.cancellationSignal.aborted,
      });
    },

    /** Proves read = loaded + rejected + duplicates against the stored rows; fails loudly (non-retryable) if not. */
    async reconcileFile(input: ReconcileFileInput): Promise<Reconciliation> {
      const result = await reconcile(db, input.fileId, input.rowsReadByParser);
      if (!result.ok) {
        await db.kysely
          .updateTable('ingested_files')
          .set({ status: 'failed', file_error: result.problems.join('; '), completed_at: deps.clock() })
          .where('id', '=', input.fileId)
          .execute();
        throw ApplicationFailure.nonRetryable(
          `reconciliation failed: ${result.problems.join('; ')}`,
          'ReconciliationFailed',
        );
      }
      await db.kysely
        .updateTable('ingested_files')
        .set({ status: 'loaded', blank_lines: input.blankLines, completed_at: deps.clock() })
        .where('id', '=', input.fileId)
        .execute();
      return result;
    },
  };
}

export type IngestActivities = ReturnType<typeof createIngestActivities>;

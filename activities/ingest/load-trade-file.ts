import { Worker } from 'node:worker_threads';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { commitChunk, type ChunkResult } from './chunk-loader';
import type { PreparedChunk } from './chunk-preparer';
import type { FileEncoding } from './detect-encoding';
import type { ParseThreadInput, ParseThreadMessage } from './parse-thread';

export interface LoadTotals {
  rowsRead: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  blankLines: number;
  chunks: number;
  resumedAfterChunk: number;
}

export interface ChunkProgress {
  chunkNo: number;
  rowsRead: number;
  bytesRead: number;
}

export interface LoadTradeFileOptions {
  db: Db;
  logger: Logger;
  fileId: number;
  storedPath: string;
  encoding: FileEncoding;
  chunkRows: number;
  nowMs: number;
  onChunk: (progress: ChunkProgress) => void;
  cancelled: () => boolean;
}

// A plain-JavaScript entry that loads the TypeScript thread code, however this process itself was started.
const PARSE_THREAD = new URL('./parse-thread-entry.mjs', import.meta.url);

/**
 * Loads a file chunk by chunk: a worker thread parses, validates and formats while this thread commits each chunk
 * in order. Resumes after the last chunk an earlier attempt committed.
 */
export async function loadTradeFile(options: LoadTradeFileOptions): Promise<LoadTotals> {
  const { db, fileId, chunkRows } = options;
  const committed = await db.kysely
    .selectFrom('ingest_chunks')
    .select((eb) => [
      eb.fn.max('chunk_no').as('last'),
      eb.fn.coalesce(eb.fn.sum<number>('rows_loaded'), eb.lit(0)).as('loaded'),
      eb.fn.coalesce(eb.fn.sum<number>('rows_rejected'), eb.lit(0)).as('rejected'),
      eb.fn.coalesce(eb.fn.sum<number>('rows_duplicate'), eb.lit(0)).as('duplicates'),
    ])
    .where('file_id', '=', fileId)
    .executeTakeFirstOrThrow();
  const lastCommitted = committed.last ?? -1;
  const totals: LoadTotals = {
    rowsRead: 0,
    loaded: Number(committed.loaded),
    rejected: Number(committed.rejected),
    duplicates: Number(committed.duplicates),
    blankLines: 0,
    chunks: lastCommitted + 1,
    resumedAfterChunk: lastCommitted,
  };
  if (lastCommitted >= 0) options.logger.info({ fileId, lastCommitted }, 'resuming file load after committed chunk');
  await db.kysely
    .updateTable('ingested_files')
    .set({ status: 'loading', chunk_rows: chunkRows })
    .where('id', '=', fileId)
    .execute();

  const input: ParseThreadInput = {
    storedPath: options.storedPath,
    encoding: options.encoding,
    prepare: { fileId, chunkRows, skipThrough: lastCommitted, nowMs: options.nowMs, encoding: options.encoding },
    maxAhead: 2,
  };
  const thread = new Worker(PARSE_THREAD, { workerData: input });
  const client = await db.pool.connect();
  try {
    const ended = await consume(thread, async (chunk) => {
      addResult(totals, await commitChunk(client, chunk));
      options.onChunk({ chunkNo: chunk.chunkNo, rowsRead: chunk.lastLine, bytesRead: chunk.bytesDone });
      if (options.cancelled()) throw ApplicationFailure.create({ message: 'file load cancelled', nonRetryable: true });
      thread.postMessage('credit');
    });
    totals.rowsRead = ended.rowsRead;
    totals.blankLines = ended.blankLines;
    return totals;
  } finally {
    client.release();
    await thread.terminate();
  }
}

/** Commits chunks one after another as the thread sends them; resolves with the thread's final counts. */
function consume(
  thread: Worker,
  commit: (chunk: PreparedChunk) => Promise<void>,
): Promise<{ rowsRead: number; blankLines: number }> {
  return new Promise((resolve, reject) => {
    let queue = Promise.resolve();
    let failed = false;
    const fail = (error: unknown) => {
      if (!failed) reject(error instanceof Error ? error : new Error(String(error)));
      failed = true;
    };
    thread.on('message', (message: ParseThreadMessage) => {
      if (message.type === 'chunk') {
        const chunk = {
          ...message.chunk,
          good: message.chunk.good.map(asBuffer),
          rejects: message.chunk.rejects.map(asBuffer),
        };
        queue = queue.then(() => (failed ? undefined : commit(chunk))).catch(fail);
      } else if (message.type === 'fileProblem') {
        queue = queue.then(() => fail(ApplicationFailure.nonRetryable(message.message, 'FileRejected')));
      } else {
        queue = queue.then(() => resolve(message)).catch(fail);
      }
    });
    thread.on('error', fail);
    thread.on('exit', (code) => {
      if (code !== 0) fail(new Error(`parse thread exited with code ${code}`));
    });
  });
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function addResult(totals: LoadTotals, result: ChunkResult): void {
  if (!result.committed) return;
  totals.loaded += result.loaded;
  totals.duplicates += result.duplicates;
  totals.rejected += result.rejected;
  totals.chunks++;
}

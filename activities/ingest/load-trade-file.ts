import type { Worker } from 'node:worker_threads';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { commitChunk, type ChunkResult } from './chunk-loader';
import type { PreparedChunk } from './chunk-preparer';
import type { FileEncoding } from './detect-encoding';
import type { ParseThreadCredit, ParseThreadInput, ParseThreadMessage } from './parse-thread';
import { prestartParseThread, startParseThread } from './parse-thread-pool';
import { segmentBuffers } from './segment-pool';

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
  lastLine: number;
  bytesRead: number;
}

export interface LoadTradeFileOptions {
  db: Db;
  logger: Logger;
  fileId: number;
  storedPath: string;
  encoding: FileEncoding;
  chunkRows: number;
  /** Threads that parse, validate and format; each prepares every n-th chunk. */
  parseThreads: number;
  nowMs: number;
  onChunk: (progress: ChunkProgress) => void;
  cancelled: () => boolean;
}

/**
 * Loads a file chunk by chunk: worker threads parse, validate and format (each every n-th chunk) while this
 * thread commits the chunks strictly in order. Resumes after the last chunk an earlier attempt committed.
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

  const stride = Math.max(1, options.parseThreads);
  const threads = Array.from({ length: stride }, (_, offset) => {
    const input: ParseThreadInput = {
      storedPath: options.storedPath,
      encoding: options.encoding,
      prepare: {
        fileId,
        chunkRows,
        skipThrough: lastCommitted,
        nowMs: options.nowMs,
        encoding: options.encoding,
        stride,
        offset,
      },
      maxAhead: 1,
    };
    return startParseThread(input);
  });
  const client = await db.pool.connect();
  try {
    const ended = await commitInOrder(threads, lastCommitted + 1, chunkRows, async (chunk) => {
      addResult(totals, await commitChunk(client, chunk));
      options.onChunk({ chunkNo: chunk.chunkNo, lastLine: chunk.lastLine, bytesRead: chunk.bytesDone });
      if (options.cancelled()) throw ApplicationFailure.create({ message: 'file load cancelled', nonRetryable: true });
    });
    totals.rowsRead = ended.rowsRead;
    totals.blankLines = ended.blankLines;
    return totals;
  } finally {
    client.release();
    await Promise.all(threads.map((t) => t.terminate()));
    prestartParseThread();
  }
}

/**
 * Collects chunks from the threads and commits them one at a time in chunk order, granting the producing thread
 * a credit after each commit; resolves with the file's counts once every chunk is in.
 */
function commitInOrder(
  threads: Worker[],
  firstChunk: number,
  chunkRows: number,
  commit: (chunk: PreparedChunk) => Promise<void>,
): Promise<{ rowsRead: number; blankLines: number }> {
  return new Promise((resolve, reject) => {
    const waiting = new Map<number, { chunk: PreparedChunk; thread: Worker }>();
    let next = firstChunk;
    let ended: { rowsRead: number; blankLines: number; threads: number } | undefined;
    let committing = false;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const pump = async () => {
      if (committing || failed) return;
      committing = true;
      try {
        for (let ready = waiting.get(next); ready; ready = waiting.get(next)) {
          waiting.delete(next);
          await commit(ready.chunk);
          // The chunk is committed and its buffers written out: they go back to be filled again.
          const buffers = segmentBuffers([...ready.chunk.good, ...ready.chunk.rejects]);
          ready.thread.postMessage({ buffers } satisfies ParseThreadCredit, buffers);
          next++;
        }
      } catch (error) {
        fail(error);
      } finally {
        committing = false;
      }
      if (!failed && ended && ended.threads === threads.length) {
        const lastChunk = Math.ceil(ended.rowsRead / chunkRows) - 1;
        if (waiting.size === 0 && next > lastChunk) resolve(ended);
        else if (waiting.has(next)) void pump();
      }
    };
    for (const thread of threads) {
      thread.on('message', (message: ParseThreadMessage) => {
        if (message.type === 'chunk') {
          const { chunk } = message;
          waiting.set(chunk.chunkNo, {
            chunk: { ...chunk, good: chunk.good.map(asBuffer), rejects: chunk.rejects.map(asBuffer) },
            thread,
          });
        } else if (message.type === 'fileProblem') {
          fail(ApplicationFailure.nonRetryable(message.message, 'FileRejected'));
        } else {
          ended = { rowsRead: message.rowsRead, blankLines: message.blankLines, threads: (ended?.threads ?? 0) + 1 };
        }
        void pump();
      });
      thread.on('error', fail);
      thread.on('exit', (code) => {
        if (code !== 0) fail(new Error(`parse thread exited with code ${code}`));
      });
    }
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

import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { commitChunk, type ChunkResult, type PreparedChunk } from './chunk-loader';
import { rejectCopyLine, tradeCopyLine } from './copy-text';
import type { FileEncoding } from './detect-encoding';
import { evaluateRecord } from './evaluate-record';
import { checkHeader, type HeaderLayout } from './trade-file-header';
import { readCsvRecords, type ReadProgress } from './trade-file-reader';

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

/**
 * Reads the whole file in order and commits chunk after chunk. Chunk boundaries depend only on the file and
 * `chunkRows`, so a resumed attempt skips exactly the chunks an earlier attempt committed. The next chunk is
 * parsed and validated while the database commits the previous one.
 */
export async function loadTradeFile(options: LoadTradeFileOptions): Promise<LoadTotals> {
  const { db, fileId, chunkRows } = options;
  const committed = await db.kysely
    .selectFrom('ingest_chunks')
    .select((eb) => [
      eb.fn.max('chunk_no').as('last'),
      eb.fn.coalesce(eb.fn.sum<number>('rows_read'), eb.lit(0)).as('read'),
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
  await db.kysely.updateTable('ingested_files').set({ status: 'loading', chunk_rows: chunkRows }).where('id', '=', fileId).execute();

  const client = await db.pool.connect();
  let pending: Promise<ChunkResult> | undefined;
  const progress: ReadProgress = { bytesRead: 0 };
  try {
    let layout: HeaderLayout | undefined;
    let chunk: PreparedChunk | undefined;
    let rowIndex = 0;
    const flush = async (full: PreparedChunk) => {
      if (pending) addResult(totals, await pending);
      full.bytesDone = progress.bytesRead;
      pending = commitChunk(client, full);
      options.onChunk({ chunkNo: full.chunkNo, rowsRead: rowIndex, bytesRead: progress.bytesRead });
      if (options.cancelled()) throw ApplicationFailure.create({ message: 'file load cancelled', nonRetryable: true });
    };
    for await (const record of readCsvRecords(options.storedPath, options.encoding, progress)) {
      if (!layout) {
        const header = checkHeader(record.fields, record.raw);
        if (!header.ok) throw ApplicationFailure.nonRetryable(header.error, 'FileRejected');
        layout = header.layout;
        continue;
      }
      if (record.raw.length === 0 && !record.error) {
        totals.blankLines++;
        continue;
      }
      const chunkNo = Math.floor(rowIndex / chunkRows);
      rowIndex++;
      if (chunkNo <= lastCommitted) continue;
      if (chunk && chunk.chunkNo !== chunkNo) {
        await flush(chunk);
        chunk = undefined;
      }
      chunk ??= newChunk(fileId, chunkNo, record.line);
      chunk.rowsRead++;
      chunk.lastLine = record.line;
      const outcome = evaluateRecord(record, layout, options.nowMs, options.encoding);
      if (outcome.ok) {
        chunk.goodCopy.push(tradeCopyLine(record.line, outcome.record));
        chunk.goodRows++;
      } else {
        chunk.rejectCopy.push(rejectCopyLine(fileId, record.line, record.raw, outcome.reasons));
        chunk.rejectedRows++;
      }
    }
    if (chunk) await flush(chunk);
    if (pending) addResult(totals, await pending);
    pending = undefined;
    totals.rowsRead = rowIndex;
    return totals;
  } finally {
    if (pending) await pending.catch(() => undefined);
    client.release();
  }
}

function newChunk(fileId: number, chunkNo: number, firstLine: number): PreparedChunk {
  return {
    fileId,
    chunkNo,
    firstLine,
    lastLine: firstLine,
    rowsRead: 0,
    goodCopy: [],
    goodRows: 0,
    rejectCopy: [],
    rejectedRows: 0,
    bytesDone: 0,
  };
}

function addResult(totals: LoadTotals, result: ChunkResult): void {
  if (!result.committed) return;
  totals.loaded += result.loaded;
  totals.duplicates += result.duplicates;
  totals.rejected += result.rejected;
  totals.chunks++;
}

import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { TRADE_COLUMNS } from '../../schemas/trade/fields';
import type { PreparedChunk } from './chunk-preparer';

export interface ChunkResult {
  committed: boolean;
  loaded: number;
  duplicates: number;
  rejected: number;
}

const COLUMNS = TRADE_COLUMNS.join(', ');
// The order of SegmentWriter.writeHashedLine: the event key (md5 of the record text) comes last.
const COPY_COLUMNS = `file_id, line_no, source, ${COLUMNS}, event_key`;

const MERGE_SQL = `
WITH inserted AS (
  INSERT INTO trades (${COPY_COLUMNS})
  SELECT DISTINCT ON (execution_ts, event_key) ${COPY_COLUMNS}
  FROM trade_staging ORDER BY execution_ts, event_key, line_no
  ON CONFLICT ON CONSTRAINT trades_pk DO NOTHING
  RETURNING line_no
), duplicates AS (
  INSERT INTO duplicate_rows (file_id, line_no, event_key)
  SELECT s.file_id, s.line_no, s.event_key FROM trade_staging s LEFT JOIN inserted i USING (line_no)
  WHERE i.line_no IS NULL
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS loaded, (SELECT count(*) FROM duplicates)::int AS duplicates`;

const UNIQUE_VIOLATION = '23505';

async function copyIn(client: pg.PoolClient, sql: string, segments: Buffer[]): Promise<void> {
  await pipeline(Readable.from(segments, { objectMode: false }), client.query(copyFrom(sql)));
}

/**
 * Loads a chunk's trades. Fast path: COPY straight into `trades`. If any row's event is already stored (a
 * duplicate in the file or from another file), the fast path is rolled back to its savepoint and the chunk goes
 * through a staging table, where each duplicate is found and recorded.
 */
async function loadTrades(
  client: pg.PoolClient,
  chunk: PreparedChunk,
): Promise<{ loaded: number; duplicates: number }> {
  await client.query('SAVEPOINT fast_copy');
  try {
    await copyIn(client, `COPY trades (${COPY_COLUMNS}) FROM STDIN`, chunk.good);
    await client.query('RELEASE SAVEPOINT fast_copy');
    return { loaded: chunk.goodRows, duplicates: 0 };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('ROLLBACK TO SAVEPOINT fast_copy');
  }
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS trade_staging (LIKE trades INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
  );
  await copyIn(client, `COPY trade_staging (${COPY_COLUMNS}) FROM STDIN`, chunk.good);
  const merged = await client.query<{ loaded: number; duplicates: number }>(MERGE_SQL);
  return { loaded: merged.rows[0]?.loaded ?? 0, duplicates: merged.rows[0]?.duplicates ?? 0 };
}

/**
 * Commits one chunk atomically: its trades, duplicates, rejected rows, its checkpoint and the file's progress.
 * A chunk already checkpointed (by an earlier attempt) is skipped, so a retried activity never loads a row twice.
 */
export async function commitChunk(client: pg.PoolClient, chunk: PreparedChunk): Promise<ChunkResult> {
  await client.query('BEGIN');
  try {
    // Serialises concurrent attempts on the same file (a zombie attempt after a heartbeat timeout).
    await client.query('SELECT id FROM ingested_files WHERE id = $1 FOR UPDATE', [chunk.fileId]);
    const done = await client.query('SELECT 1 FROM ingest_chunks WHERE file_id = $1 AND chunk_no = $2', [
      chunk.fileId,
      chunk.chunkNo,
    ]);
    if (done.rowCount) {
      await client.query('ROLLBACK');
      return { committed: false, loaded: 0, duplicates: 0, rejected: 0 };
    }
    const { loaded, duplicates } = chunk.goodRows > 0 ? await loadTrades(client, chunk) : { loaded: 0, duplicates: 0 };
    if (chunk.rejectedRows > 0) {
      await copyIn(client, 'COPY rejected_rows (file_id, line_no, raw, reasons) FROM STDIN', chunk.rejects);
    }
    await client.query(
      `INSERT INTO ingest_chunks (file_id, chunk_no, first_line, last_line, rows_read, rows_loaded, rows_rejected, rows_duplicate)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        chunk.fileId,
        chunk.chunkNo,
        chunk.firstLine,
        chunk.lastLine,
        chunk.rowsRead,
        loaded,
        chunk.rejectedRows,
        duplicates,
      ],
    );
    await client.query(
      `UPDATE ingested_files SET status = 'loading', bytes_done = $2, rows_read = rows_read + $3,
         rows_loaded = rows_loaded + $4, rows_rejected = rows_rejected + $5, rows_duplicate = rows_duplicate + $6
       WHERE id = $1`,
      [chunk.fileId, chunk.bytesDone, chunk.rowsRead, loaded, chunk.rejectedRows, duplicates],
    );
    await client.query('COMMIT');
    return { committed: true, loaded, duplicates, rejected: chunk.rejectedRows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

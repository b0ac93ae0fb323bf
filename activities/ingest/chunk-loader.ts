import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { TRADE_COLUMNS } from '../../schemas/trade/fields';

/** What one chunk carries to the database: COPY text for good rows and for rejected rows. */
export interface PreparedChunk {
  fileId: number;
  chunkNo: number;
  firstLine: number;
  lastLine: number;
  rowsRead: number;
  goodCopy: string[];
  goodRows: number;
  rejectCopy: string[];
  rejectedRows: number;
  bytesDone: number;
}

export interface ChunkResult {
  committed: boolean;
  loaded: number;
  duplicates: number;
  rejected: number;
}

const STAGING_COLUMNS_SQL = `
  line_no bigint, uti text, prior_uti text, action_type text, event_type text, counterparty_1 text,
  counterparty_2 text, counterparty_2_id_type text, product text, asset_class text, notional_leg1 numeric,
  notional_currency_leg1 text, notional_leg2 numeric, notional_currency_leg2 text, fixed_rate_leg1 numeric,
  floating_index_leg2 text, spread numeric, price numeric, execution_ts timestamptz, effective_date date,
  expiration_date date, cleared text, central_counterparty text, platform_id text, desk text, trader_id text,
  source_system text, source_trade_id text`;

const COLUMNS = TRADE_COLUMNS.join(', ');

// The event key hashes the whole normalised record, so only an identical trade event counts as a duplicate.
const MERGE_SQL = `
WITH staged AS MATERIALIZED (
  SELECT md5(ROW(${COLUMNS})::text)::uuid AS event_key, * FROM trade_staging
), inserted AS (
  INSERT INTO trades (event_key, file_id, line_no, source, ${COLUMNS})
  SELECT DISTINCT ON (event_key) event_key, $1::bigint, line_no, 'file', ${COLUMNS}
  FROM staged ORDER BY event_key, line_no
  ON CONFLICT (event_key) DO NOTHING
  RETURNING line_no
), duplicates AS (
  INSERT INTO duplicate_rows (file_id, line_no, event_key)
  SELECT $1::bigint, s.line_no, s.event_key FROM staged s LEFT JOIN inserted i USING (line_no)
  WHERE i.line_no IS NULL
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS loaded, (SELECT count(*) FROM duplicates)::int AS duplicates`;

async function copyIn(client: pg.PoolClient, sql: string, lines: string[]): Promise<void> {
  await pipeline(Readable.from(lines, { objectMode: false }), client.query(copyFrom(sql)));
}

/**
 * Commits one chunk atomically: its trades, duplicates, rejected rows, its checkpoint and the file's progress.
 * A chunk already checkpointed (by an earlier attempt) is skipped, so a retried activity never loads a row twice.
 */
export async function commitChunk(client: pg.PoolClient, chunk: PreparedChunk): Promise<ChunkResult> {
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS trade_staging (${STAGING_COLUMNS_SQL}) ON COMMIT DELETE ROWS`);
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
    let loaded = 0;
    let duplicates = 0;
    if (chunk.goodRows > 0) {
      await copyIn(client, `COPY trade_staging (line_no, ${COLUMNS}) FROM STDIN`, chunk.goodCopy);
      const merged = await client.query<{ loaded: number; duplicates: number }>(MERGE_SQL, [chunk.fileId]);
      loaded = merged.rows[0]?.loaded ?? 0;
      duplicates = merged.rows[0]?.duplicates ?? 0;
    }
    if (chunk.rejectedRows > 0) {
      await copyIn(client, 'COPY rejected_rows (file_id, line_no, raw, reasons) FROM STDIN', chunk.rejectCopy);
    }
    await client.query(
      `INSERT INTO ingest_chunks (file_id, chunk_no, first_line, last_line, rows_read, rows_loaded, rows_rejected, rows_duplicate)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [chunk.fileId, chunk.chunkNo, chunk.firstLine, chunk.lastLine, chunk.rowsRead, loaded, chunk.rejectedRows, duplicates],
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

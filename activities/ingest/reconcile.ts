import { sql } from 'kysely';
import type { Db } from '../db/connection';

export interface Reconciliation {
  ok: boolean;
  rowsRead: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  problems: string[];
}

/**
 * Counts what the database really holds for a file and checks it against the chunk checkpoints and the parser:
 * rows read = trades loaded + rows rejected + duplicates, each counted from its own table.
 */
export async function reconcile(db: Db, fileId: number, rowsReadByParser: number): Promise<Reconciliation> {
  const result = await sql<{
    chunk_read: number;
    chunk_loaded: number;
    chunk_rejected: number;
    chunk_duplicates: number;
    trades: number;
    rejected: number;
    duplicates: number;
  }>`
    SELECT
      (SELECT coalesce(sum(rows_read), 0) FROM ingest_chunks WHERE file_id = ${fileId})::bigint AS chunk_read,
      (SELECT coalesce(sum(rows_loaded), 0) FROM ingest_chunks WHERE file_id = ${fileId})::bigint AS chunk_loaded,
      (SELECT coalesce(sum(rows_rejected), 0) FROM ingest_chunks WHERE file_id = ${fileId})::bigint AS chunk_rejected,
      (SELECT coalesce(sum(rows_duplicate), 0) FROM ingest_chunks WHERE file_id = ${fileId})::bigint AS chunk_duplicates,
      (SELECT count(*) FROM trades WHERE file_id = ${fileId}) AS trades,
      (SELECT count(*) FROM rejected_rows WHERE file_id = ${fileId}) AS rejected,
      (SELECT count(*) FROM duplicate_rows WHERE file_id = ${fileId}) AS duplicates
  `.execute(db.kysely);
  const row = result.rows[0];
  if (!row) throw new Error('reconciliation query returned nothing');
  const problems: string[] = [];
  const check = (label: string, expected: number, actual: number) => {
    if (Number(expected) !== Number(actual)) problems.push(`${label}: expected ${expected}, found ${actual}`);
  };
  check('rows read by the parser vs. checkpoints', rowsReadByParser, row.chunk_read);
  check('trades stored vs. checkpoints', row.chunk_loaded, row.trades);
  check('rejected rows stored vs. checkpoints', row.chunk_rejected, row.rejected);
  check('duplicate rows stored vs. checkpoints', row.chunk_duplicates, row.duplicates);
  check(
    'rows read vs. loaded + rejected + duplicates',
    rowsReadByParser,
    Number(row.trades) + Number(row.rejected) + Number(row.duplicates),
  );
  return {
    ok: problems.length === 0,
    rowsRead: rowsReadByParser,
    loaded: Number(row.trades),
    rejected: Number(row.rejected),
    duplicates: Number(row.duplicates),
    problems,
  };
}

import { sql, type Kysely } from 'kysely';

// Written against an untyped handle so it stays valid as the application changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ingested_files')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('columns', 'jsonb')
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('registered', 'loading', 'loaded', 'file_rejected', 'failed')`),
    )
    .addColumn('file_error', 'text')
    .addColumn('chunk_rows', 'integer')
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_loaded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_duplicate', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('blank_lines', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();

  // One row per committed chunk: the resume point after a crash, written in the chunk's own transaction.
  await db.schema
    .createTable('ingest_chunks')
    .addColumn('file_id', 'bigint', (c) => c.notNull().references('ingested_files.id').onDelete('cascade'))
    .addColumn('chunk_no', 'integer', (c) => c.notNull())
    .addColumn('first_line', 'bigint', (c) => c.notNull())
    .addColumn('last_line', 'bigint', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_loaded', 'integer', (c) => c.notNull())
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .addColumn('rows_duplicate', 'integer', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ingest_chunks_pk', ['file_id', 'chunk_no'])
    .execute();

  await db.schema
    .createTable('trades')
    // md5 of the whole normalised record: the same trade event twice is one row. It is the trade event's id.
    .addColumn('event_key', 'uuid', (c) => c.notNull())
    // No foreign key to ingested_files: its per-row check would cost as much as the COPY itself; the chunk
    // checkpoint that commits with the rows ties them to their file.
    .addColumn('file_id', 'bigint')
    .addColumn('line_no', 'bigint')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('file', 'api')`))
    .addColumn('uti', 'varchar(52)', (c) => c.notNull())
    .addColumn('prior_uti', 'varchar(52)')
    .addColumn('action_type', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text')
    .addColumn('counterparty_1', 'char(20)', (c) => c.notNull())
    .addColumn('counterparty_2', 'varchar(50)', (c) => c.notNull())
    .addColumn('counterparty_2_id_type', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('asset_class', 'text', (c) => c.notNull())
    .addColumn('notional_leg1', 'numeric(25, 5)', (c) => c.notNull())
    .addColumn('notional_currency_leg1', 'char(3)', (c) => c.notNull())
    .addColumn('notional_leg2', 'numeric(25, 5)')
    .addColumn('notional_currency_leg2', 'char(3)')
    .addColumn('fixed_rate_leg1', 'numeric(28, 10)')
    .addColumn('floating_index_leg2', 'varchar(50)')
    .addColumn('spread', 'numeric(28, 10)')
    .addColumn('price', 'numeric(28, 10)')
    .addColumn('execution_ts', 'timestamptz', (c) => c.notNull())
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('expiration_date', 'date', (c) => c.notNull())
    .addColumn('cleared', 'char(1)', (c) => c.notNull())
    .addColumn('central_counterparty', 'char(20)')
    .addColumn('platform_id', 'char(4)')
    .addColumn('desk', 'varchar(100)')
    .addColumn('trader_id', 'varchar(100)')
    .addColumn('source_system', 'varchar(100)')
    .addColumn('source_trade_id', 'varchar(100)')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The key covers execution_ts, so (execution_ts, event_key) is as unique as the key alone; leading with the
    // time keeps a day's inserts near one edge of the index and serves the reports' time-range scans.
    .addPrimaryKeyConstraint('trades_pk', ['execution_ts', 'event_key'])
    .execute();
  // Files load in order, so file_id follows the physical order: a BRIN index costs almost nothing to keep.
  await sql`CREATE INDEX trades_file_id_brin ON trades USING brin (file_id)`.execute(db);

  // Every rejected row is kept with its text and every reason: nothing is dropped silently.
  await db.schema
    .createTable('rejected_rows')
    .addColumn('file_id', 'bigint', (c) => c.notNull().references('ingested_files.id').onDelete('cascade'))
    .addColumn('line_no', 'bigint', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('reasons', sql`text[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint('rejected_rows_pk', ['file_id', 'line_no'])
    .execute();

  // Rows whose trade event was already stored (earlier in the file or by another file).
  await db.schema
    .createTable('duplicate_rows')
    .addColumn('file_id', 'bigint', (c) => c.notNull().references('ingested_files.id').onDelete('cascade'))
    .addColumn('line_no', 'bigint', (c) => c.notNull())
    .addColumn('event_key', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_rows_pk', ['file_id', 'line_no'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['duplicate_rows', 'rejected_rows', 'trades', 'ingest_chunks', 'ingested_files']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

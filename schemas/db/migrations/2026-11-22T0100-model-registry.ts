import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per trained ensemble version; the ONNX artefact lives on disk, named and checked by its SHA-256.
  await db.schema
    .createTable('model_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('training_week', 'text', (c) => c.notNull())
    .addColumn('training_from', 'timestamptz', (c) => c.notNull())
    .addColumn('training_to', 'timestamptz', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('holdout_size', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull())
    .addColumn('ensemble', 'jsonb', (c) => c.notNull())
    .addColumn('feature_schema', 'jsonb', (c) => c.notNull())
    .addColumn('feature_reference', 'jsonb', (c) => c.notNull())
    .addColumn('drift', 'jsonb')
    .addColumn('onnx_path', 'text', (c) => c.notNull())
    .addColumn('onnx_sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('candidate', 'champion', 'retired')`))
    .addColumn('promotion_reason', 'text')
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('promoted_at', 'timestamptz')
    .execute();
  // At most one champion at any time, enforced by the database rather than by care.
  await sql`CREATE UNIQUE INDEX model_versions_one_champion ON model_versions (status) WHERE status = 'champion'`.execute(
    db,
  );

  // The champion's history: every promotion, decision to keep, and roll-back, with its reason.
  await db.schema
    .createTable('model_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull().references('model_versions.version'))
    .addColumn('event', 'text', (c) =>
      c.notNull().check(sql`event in ('registered', 'promoted', 'kept_champion', 'rolled_back', 'retired')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('model_events').ifExists().execute();
  await db.schema.dropTable('model_versions').ifExists().execute();
}

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Migrator, type Kysely, type MigrationResultSet } from 'kysely';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

/** Migrates to the latest version; returns kysely's result set (an expected failure is a value, not a throw). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  });
  return migrator.migrateToLatest();
}

/** Same as migrateToLatest, but throws with the failing migration's name. */
export async function migrateOrThrow(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await migrateToLatest(db);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '(unknown)';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

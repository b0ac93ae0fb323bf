import { createDb } from '../../activities/db/connection';
import { cliConfigSchema, loadConfig } from '../config';
import { migrateToLatest } from './migrator';

// `npm run migrate:latest`: prints each migration's result and exits non-zero on error.
const config = loadConfig(cliConfigSchema, process.env);
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const db = createDb({ databaseUrl: config.DATABASE_URL });
const { error, results } = await migrateToLatest(db.kysely as never);
for (const result of results ?? []) {
  console.log(`${result.status === 'Success' ? 'applied' : result.status}: ${result.migrationName}`);
}
if (!results?.length && !error) console.log('already at the latest version');
await db.close();
if (error) {
  console.error('migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schemas/db/database';
import type { Logger } from '../logging/logger';

// Numeric and bigint columns come back as strings by default; counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date stays 'YYYY-MM-DD': a JS Date would pin it to the process's local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface Db {
  kysely: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** One pool and one Kysely per process. Sessions run in UTC so timestamp text is stable. */
export function createDb(options: { databaseUrl: string; logger?: Logger; maxConnections?: number }): Db {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    options: '-c TimeZone=UTC',
  });
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      if (event.level === 'error') {
        options.logger?.error({ err: event.error, sql: event.query.sql }, 'query failed');
      } else if (event.queryDurationMillis > 2000) {
        options.logger?.warn({ sql: event.query.sql, ms: Math.round(event.queryDurationMillis) }, 'slow query');
      }
    },
  });
  return {
    kysely,
    pool,
    async close() {
      await kysely.destroy();
    },
  };
}

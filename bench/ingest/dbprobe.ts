import { mkdtempSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessGroup } from '/work/main/dev/stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from '/work/main/dev/stack/postgres-server';
import { createDb } from '/work/main/activities/db/connection';
import { migrateOrThrow } from '/work/main/schemas/db/migrator';
import { loadTradeFile } from '/work/main/activities/ingest/load-trade-file';
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'probe-'));
chmodSync(scratch, 0o755);
const pgs = await startPostgres({ group, dataDir: path.join(scratch, 'pg'), log: console.log, ephemeral: true });
await ensureDatabase(pgs.adminUrl, 'b');
const db = createDb({ databaseUrl: databaseUrl(pgs.adminUrl, 'b') });
await migrateOrThrow(db.kysely as never);
const f = await db.kysely
  .insertInto('ingested_files')
  .values({
    sha256: 'x',
    original_name: 'x',
    stored_path: '/tmp/bench/trades.csv',
    size_bytes: 1,
    workflow_id: 'x',
    status: 'registered',
    encoding: 'utf-8',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const t = performance.now();
const r = await loadTradeFile({
  db,
  logger: {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return this;
    },
  } as never,
  fileId: f.id,
  storedPath: '/tmp/bench/trades.csv',
  encoding: 'utf-8',
  chunkRows: Number(process.argv[2] ?? 50000),
  parseThreads: Number(process.argv[3] ?? 2),
  nowMs: Date.now(),
  onChunk: () => {},
  cancelled: () => false,
});
console.log(r, ((performance.now() - t) / 1000).toFixed(2), 's', 'rss', Math.round(process.memoryUsage().rss / 1e6));
await db.close();
await group.stopAll();

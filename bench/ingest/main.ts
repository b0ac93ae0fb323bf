import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, chmodSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateTradeFile } from '../../client/generate/index';
import { startIngest } from '../../client/ingest/start-ingest';
import { connectTemporal } from '../../client/temporal/connect';
import { ProcessGroup, stopChild } from '../../dev/stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from '../../dev/stack/postgres-server';
import { startTemporalDevServer } from '../../dev/stack/temporal-server';
import { createDb } from '../../activities/db/connection';
import { migrateOrThrow } from '../../schemas/db/migrator';

// bench/ingest: a generated file through ingestFileWorkflow end to end, next to plain `psql \copy` of the same
// rows into a scratch table, in the same run on the same server. Usage: npm run bench:ingest -- [rows]
const rows = Number(process.argv[2] ?? 1_000_000);
const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'swap-bench-'));
chmodSync(scratch, 0o755);

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

try {
  const [temporal, postgres] = await Promise.all([
    startTemporalDevServer({ group, log, headless: true }),
    startPostgres({ group, dataDir: path.join(scratch, 'pg'), log, ephemeral: true }),
  ]);
  await ensureDatabase(postgres.adminUrl, 'bench');
  const url = databaseUrl(postgres.adminUrl, 'bench');
  const db = createDb({ databaseUrl: url });
  await migrateOrThrow(db.kysely as never);

  const file = path.join(scratch, 'trades.csv');
  const genStart = performance.now();
  await generateTradeFile({ date: '2026-11-20', rows, seed: 7, out: file });
  const sizeMb = statSync(file).size / 1e6;
  log(`generated ${rows} rows (${sizeMb.toFixed(0)} MB) in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);

  // Plain COPY: psql's \copy of the same CSV into a typed scratch table with no indexes or checks.
  await db.pool.query(`CREATE TABLE copy_scratch (LIKE trades INCLUDING DEFAULTS)`);
  await db.pool.query(`ALTER TABLE copy_scratch ALTER COLUMN event_key DROP NOT NULL, ALTER COLUMN source DROP NOT NULL`);
  const columns = readFileSync(file, 'utf8').slice(0, 2000).split('\n')[0];
  const copyStart = performance.now();
  const psql = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy copy_scratch (${columns}) FROM '${file}' WITH (FORMAT csv, HEADER true)`], {
    encoding: 'utf8',
  });
  const copySeconds = (performance.now() - copyStart) / 1000;
  if (psql.status !== 0) throw new Error(`psql \\copy failed: ${psql.stderr}`);
  await db.pool.query('DROP TABLE copy_scratch');
  await db.pool.query('CHECKPOINT');

  // End to end: the CPU worker as its own process, the workflow started as the CLI does.
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers/main.ts')], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: url, DATA_DIR: path.join(scratch, 'data'), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { client, close } = await connectTemporal({ address: temporal.address, namespace: 'default' });
  await new Promise((r) => setTimeout(r, 5000));
  const idleMb = peakRssMb(worker.pid!);
  const ingestStart = performance.now();
  const started = await startIngest(client, { filePath: file, taskQueue: 'swap-cpu', chunkRows: 50_000 });
  const result = await started.handle.result();
  const ingestSeconds = (performance.now() - ingestStart) / 1000;
  const peakMb = peakRssMb(worker.pid!);
  const history = await started.handle.fetchHistory();
  const activitySeconds: Record<string, number> = {};
  const scheduled = new Map<number, { name: string; at: number }>();
  const toMs = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  for (const event of history.events ?? []) {
    const s = event.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(Number(event.eventId), { name: s.activityType?.name ?? '?', at: toMs(event.eventTime) });
    const c = event.activityTaskCompletedEventAttributes;
    const from = c ? scheduled.get(Number(c.scheduledEventId)) : undefined;
    if (from) activitySeconds[from.name] = Number(((toMs(event.eventTime) - from.at) / 1000).toFixed(2));
  }
  await close();
  await stopChild(worker);
  await db.close();

  const e2eRate = result.read / ingestSeconds;
  const copyRate = rows / copySeconds;
  const report = {
    rows,
    fileMb: Number(sizeMb.toFixed(1)),
    loaded: result.loaded,
    rejected: result.rejected,
    duplicates: result.duplicates,
    endToEndSeconds: Number(ingestSeconds.toFixed(2)),
    endToEndRowsPerSecond: Math.round(e2eRate),
    psqlCopySeconds: Number(copySeconds.toFixed(2)),
    psqlCopyRowsPerSecond: Math.round(copyRate),
    activitySeconds,
    ratioToPlainCopy: Number((e2eRate / copyRate).toFixed(3)),
    workerPeakRssMb: Math.round(peakMb),
    workerPeakRssBeforeIngestMb: Math.round(idleMb),
    cpus: os.availableParallelism(),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} finally {
  await group.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../activities/db/connection';
import { generateTradeFile } from '../../client/generate/index';
import { startIngest } from '../../client/ingest/start-ingest';
import { connectTemporal } from '../../client/temporal/connect';
import { ProcessGroup, stopChild } from '../../dev/stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from '../../dev/stack/postgres-server';
import { startTemporalDevServer } from '../../dev/stack/temporal-server';
import { migrateOrThrow } from '../../schemas/db/migrator';
import { buildWorkflowBundle } from '../../workers/workflow-bundle';
import {
  activityDurations,
  exitedChildrenCpuSeconds,
  median,
  parentPid,
  peakRssMb,
  postgresCpuSeconds,
  processCpuSeconds,
} from './measure';

// bench/ingest: generated files through ingestFileWorkflow end to end (CLI-style start, CPU worker process with a
// prebuilt workflow bundle), next to plain `psql \copy` of the same rows into a scratch table, on the same server,
// alternating, one fresh database per round. Usage: npm run bench:ingest -- [rows] [rounds]
const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'swap-bench-'));
chmodSync(scratch, 0o755);

try {
  const [temporal, postgres] = await Promise.all([
    startTemporalDevServer({ group, log, headless: true }),
    startPostgres({ group, dataDir: path.join(scratch, 'pg'), log, ephemeral: true }),
  ]);
  const bundle = await buildWorkflowBundle(path.join(scratch, 'workflow-bundle.js'));
  const { client, close } = await connectTemporal({ address: temporal.address, namespace: 'default' });
  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const file = path.join(scratch, `trades-${round}.csv`);
    await generateTradeFile({ date: '2026-11-20', rows, seed: round, out: file });
    const database = `bench_${round}`;
    await ensureDatabase(postgres.adminUrl, database);
    const url = databaseUrl(postgres.adminUrl, database);
    const db = createDb({ databaseUrl: url });
    await migrateOrThrow(db.kysely as never);
    const backend = await db.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const postmaster = parentPid(backend.rows[0]!.pid);

    // Plain COPY: psql's \copy of the same CSV into a typed scratch table with no keys, indexes or checks.
    await db.pool.query('CREATE TABLE copy_scratch (LIKE trades INCLUDING DEFAULTS)');
    await db.pool.query(
      'ALTER TABLE copy_scratch ALTER COLUMN event_key DROP NOT NULL, ALTER COLUMN source DROP NOT NULL',
    );
    const columns = readFileSync(file, 'utf8').slice(0, 2000).split('\n')[0];
    const copyCpuStart = postgresCpuSeconds(postmaster) + exitedChildrenCpuSeconds();
    const copyStart = performance.now();
    const psql = spawnSync(
      'psql',
      [
        url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy copy_scratch (${columns}) FROM '${file}' WITH (FORMAT csv, HEADER true)`,
      ],
      { encoding: 'utf8' },
    );
    const copySeconds = (performance.now() - copyStart) / 1000;
    const copyCpuSeconds = postgresCpuSeconds(postmaster) + exitedChildrenCpuSeconds() - copyCpuStart;
    if (psql.status !== 0) throw new Error(`psql \\copy failed: ${psql.stderr}`);
    await db.pool.query('DROP TABLE copy_scratch');
    await db.pool.query('CHECKPOINT');

    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: url,
        DATA_DIR: path.join(scratch, `data-${round}`),
        WORKFLOW_BUNDLE: bundle,
        CPU_TASK_QUEUE: `bench-${round}`,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await new Promise((r) => setTimeout(r, 4000));
    const idleMb = peakRssMb(worker.pid!);
    const ingestCpuStart = postgresCpuSeconds(postmaster) + processCpuSeconds(worker.pid!);
    const start = performance.now();
    const started = await startIngest(client, { filePath: file, taskQueue: `bench-${round}`, chunkRows: 50_000 });
    const result = await started.handle.result();
    const seconds = (performance.now() - start) / 1000;
    const peakMb = peakRssMb(worker.pid!);
    // CPU of the worker and PostgreSQL (the Temporal server's share and this process's hashing are left out).
    const ingestCpuSeconds = postgresCpuSeconds(postmaster) + processCpuSeconds(worker.pid!) - ingestCpuStart;
    const activities = activityDurations(await started.handle.fetchHistory());
    await stopChild(worker);
    await db.close();
    if (result.loaded + result.rejected + result.duplicates !== rows)
      throw new Error(`round ${round}: counts do not reconcile`);
    const round_ = {
      round,
      seconds,
      copySeconds,
      rowsPerSecond: rows / seconds,
      copyRowsPerSecond: rows / copySeconds,
      ratio: copySeconds / seconds,
      ingestCpuSeconds,
      copyCpuSeconds,
      peakMb,
      idleMb,
      activities,
      loaded: result.loaded,
    };
    log(
      `round ${round}: ingest ${seconds.toFixed(2)} s, psql \\copy ${copySeconds.toFixed(2)} s, ratio ${round_.ratio.toFixed(3)}, CPU ${ingestCpuSeconds.toFixed(2)} s vs ${copyCpuSeconds.toFixed(2)} s, worker peak ${Math.round(peakMb)} MB`,
    );
    results.push(round_);
  }
  await close();
  const report = {
    rows,
    fileMb: Number((statSync(path.join(scratch, 'trades-1.csv')).size / 1e6).toFixed(1)),
    rounds,
    endToEndRowsPerSecond: Math.round(median(results.map((r) => r.rowsPerSecond))),
    psqlCopyRowsPerSecond: Math.round(median(results.map((r) => r.copyRowsPerSecond))),
    ratioToPlainCopy: Number(median(results.map((r) => r.ratio)).toFixed(3)),
    // Less sensitive to other load on the machine than wall time: CPU seconds of worker + PostgreSQL for the
    // ingest, of psql + PostgreSQL for the plain COPY.
    ingestCpuSeconds: Number(median(results.map((r) => r.ingestCpuSeconds)).toFixed(2)),
    copyCpuSeconds: Number(median(results.map((r) => r.copyCpuSeconds)).toFixed(2)),
    workerPeakRssMb: Math.round(Math.max(...results.map((r) => r.peakMb))),
    workerRssBeforeIngestMb: Math.round(Math.max(...results.map((r) => r.idleMb))),
    activitySeconds: results[Math.floor(results.length / 2)]?.activities,
    perRound: results.map((r) => ({
      seconds: Number(r.seconds.toFixed(2)),
      psqlCopySeconds: Number(r.copySeconds.toFixed(2)),
      ratio: Number(r.ratio.toFixed(3)),
      ingestCpuSeconds: Number(r.ingestCpuSeconds.toFixed(2)),
      copyCpuSeconds: Number(r.copyCpuSeconds.toFixed(2)),
    })),
    cpus: os.availableParallelism(),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} finally {
  await group.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}

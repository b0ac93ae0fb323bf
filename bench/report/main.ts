import { spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { createDb } from '../../activities/db/connection';
import { dailyReportSql } from '../../activities/report-data/daily-report-sql';
import { generateTradeFile } from '../../client/generate/index';
import { ProcessGroup } from '../../dev/stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from '../../dev/stack/postgres-server';
import { migrateOrThrow } from '../../schemas/db/migrator';
import { dailyReportPeriod } from '../../schemas/reports/report-periods';
import { median } from '../ingest/measure';
import { loadTrades } from './load-trades';

// bench/report: the daily KTFC report (xlsx + CSV, archived with SHA-256) over N trades, built in its own process
// for its peak memory, next to a plain `COPY (SELECT …) TO STDOUT` of the same rows (same SELECT, same server),
// alternating in one run. Usage: npm run bench:report -- [rows] [rounds]
const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 2);
const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'swap-bench-report-'));
// BENCH_CPU_PROF=<dir>: a V8 CPU profile of each build, for finding where the time goes.
const profile = process.env.BENCH_CPU_PROF;
chmodSync(scratch, 0o755);

try {
  const postgres = await startPostgres({ group, dataDir: path.join(scratch, 'pg'), log, ephemeral: true });
  await ensureDatabase(postgres.adminUrl, 'bench_report');
  const url = databaseUrl(postgres.adminUrl, 'bench_report');
  const db = createDb({ databaseUrl: url });
  await migrateOrThrow(db.kysely as never);
  const file = path.join(scratch, 'trades.csv');
  log(`generating ${rows} trades`);
  await generateTradeFile({ date: '2026-11-19', rows, seed: 1, out: file });
  const period = dailyReportPeriod('2026-11-20', []);
  log('loading and scoring');
  const loaded = await loadTrades(db.pool, url, file, period.start);
  log(`${loaded} trades in the period`);
  const sql = dailyReportSql(period.start, period.end);

  const copyRound = async () => {
    const client = await db.pool.connect();
    try {
      const out = path.join(scratch, 'copy.tsv');
      const start = performance.now();
      await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT`)), createWriteStream(out));
      return { seconds: (performance.now() - start) / 1000, bytes: statSync(out).size };
    } finally {
      client.release();
    }
  };
  const buildRound = (round: number) => {
    const child = spawnSync(
      process.execPath,
      [
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
        '--import',
        'tsx',
        path.join(root, 'bench/report/build-child.ts'),
        url,
        path.join(scratch, `reports-${round}`),
        `ktfc-daily-bench-${round}`,
        period.start.toISOString(),
        period.end.toISOString(),
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`build failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      seconds: number;
      rows: number;
      peakRssMb: number;
      machinePath: string;
      xlsxPath: string;
    };
  };

  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const copy = await copyRound();
    const build = buildRound(round);
    if (build.rows !== loaded) throw new Error(`report has ${build.rows} rows, expected ${loaded}`);
    const r = {
      round,
      buildSeconds: build.seconds,
      copySeconds: copy.seconds,
      ratio: build.seconds / copy.seconds,
      peakRssMb: build.peakRssMb,
      csvMb: statSync(build.machinePath).size / 1e6,
      xlsxMb: statSync(build.xlsxPath).size / 1e6,
    };
    log(
      `round ${round}: report ${r.buildSeconds.toFixed(2)} s (peak ${Math.round(r.peakRssMb)} MB), COPY ${r.copySeconds.toFixed(2)} s, ratio ${r.ratio.toFixed(2)}`,
    );
    results.push(r);
  }
  await db.close();
  process.stdout.write(
    JSON.stringify(
      {
        rows: loaded,
        rounds,
        reportSeconds: Number(median(results.map((r) => r.buildSeconds)).toFixed(2)),
        plainCopySeconds: Number(median(results.map((r) => r.copySeconds)).toFixed(2)),
        ratioReportToCopy: Number(median(results.map((r) => r.ratio)).toFixed(2)),
        peakRssMb: Math.round(Math.max(...results.map((r) => r.peakRssMb))),
        csvMb: Number(results[0]!.csvMb.toFixed(1)),
        xlsxMb: Number(results[0]!.xlsxMb.toFixed(1)),
        targets: { seconds: 60, peakMb: 1024 },
        cpus: os.availableParallelism(),
      },
      null,
      2,
    ) + '\n',
  );
} finally {
  await group.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../activities/db/connection';
import { createLogger } from '../../activities/logging/logger';
import { createApp } from '../../client/api/app';
import { createTokenService } from '../../client/api/auth/token-service';
import { kstDate } from '../../client/api/staff/dashboard.routes';
import { applySchedules } from '../../client/schedules/apply-schedules';
import { scheduleDefinitions } from '../../client/schedules/schedule-definitions';
import { connectTemporal } from '../../client/temporal/connect';
import { ProcessGroup } from '../../dev/stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from '../../dev/stack/postgres-server';
import { startTemporalDevServer } from '../../dev/stack/temporal-server';
import { migrateOrThrow } from '../../schemas/db/migrator';
import { DESKS, loadBenchData, tradeSpec } from './load-data';

// bench/ui: the staff API's anomaly list and dashboard over 1M trades and 10k anomalies (bulk COPY into a fresh
// database), through HTTP like the browser: p50/p95/max over 50 sequential requests per scenario after a warm-up.
// Usage: npm run bench:ui -- [trades] [requests]
const trades = Number(process.argv[2] ?? 1_000_000);
const requests = Number(process.argv[3] ?? 50);
const ANOMALY_EVERY = 100;
const DAYS = 60;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'swap-bench-ui-'));
chmodSync(scratch, 0o755);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

try {
  const [temporal, postgres] = await Promise.all([
    startTemporalDevServer({ group, log, headless: true }),
    startPostgres({ group, dataDir: path.join(scratch, 'pg'), log, ephemeral: true }),
  ]);
  await ensureDatabase(postgres.adminUrl, 'bench_ui');
  const db = createDb({ databaseUrl: databaseUrl(postgres.adminUrl, 'bench_ui') });
  await migrateOrThrow(db.kysely as never);
  const today = kstDate(new Date());
  const loadStart = performance.now();
  await loadBenchData(db.pool, trades, (i) => tradeSpec(i, today, DAYS, ANOMALY_EVERY));
  const counts = await db.pool.query<{ trades: number; anomalies: number }>(
    'select (select count(*) from trades)::int as trades, (select count(*) from anomalies)::int as anomalies',
  );
  log(`loaded ${JSON.stringify(counts.rows[0])} in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  // The dashboard describes every schedule and its last run, so the real schedules exist (paused: nothing runs).
  const { client, close } = await connectTemporal({ address: temporal.address, namespace: 'default' });
  await applySchedules(
    client,
    scheduleDefinitions({ cpuTaskQueue: 'bench-ui' }).map((d) => ({ ...d, state: { paused: true } })),
  );
  const tokens = createTokenService({ secret: 'bench-secret-bench-secret-bench-secret-0000' });
  // The dashboard's schedule cache is off, so every request asks Temporal: the numbers are the uncached worst case.
  const app = createApp({
    db,
    temporal: client,
    tokens,
    logger: createLogger({ service: 'bench-ui', level: 'error' }),
    staff: { scheduleCacheMs: 0 },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (await tokens.issue({ sub: 'bench', role: 'viewer' })).token;

  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
  const scenarios: [string, string][] = [
    ['dashboard (30 days, schedules)', '/api/dashboard'],
    ['anomalies: first page', '/api/anomalies'],
    ['anomalies: page 100', '/api/anomalies?page=100'],
    ['anomalies: status=pending', '/api/anomalies?status=pending'],
    ['anomalies: product + desk', `/api/anomalies?product=IRS&desk=${encodeURIComponent(DESKS[0]!)}`],
    ['anomalies: 2 weeks, score ≥ 0.9', `/api/anomalies?from=${from}&to=${today}&minScore=0.9`],
  ];
  const results = [];
  for (const [name, url] of scenarios) {
    const times: number[] = [];
    for (let i = 0; i < requests + 5; i++) {
      const start = performance.now();
      const response = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      if (i >= 5) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const row = { scenario: name, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
    log(`${name}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, max ${row.max.toFixed(1)} ms`);
    results.push(row);
  }
  server.close();
  await close();
  await db.close();
  const report = {
    trades: counts.rows[0]?.trades,
    anomalies: counts.rows[0]?.anomalies,
    requestsPerScenario: requests,
    cpus: os.availableParallelism(),
    results: results.map((r) => ({
      ...r,
      p50: Number(r.p50.toFixed(1)),
      p95: Number(r.p95.toFixed(1)),
      max: Number(r.max.toFixed(1)),
    })),
    targetP95Ms: 300,
    allUnderTarget: results.every((r) => r.p95 < 300),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} finally {
  await group.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}

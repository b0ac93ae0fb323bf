import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDb } from '../../activities/db/connection';
import { createLogger } from '../../activities/logging/logger';
import {
  createBatchScoringActivities,
  type ScoreDetectionChunkResult,
} from '../../activities/detection/batch-scoring.activities';
import { activeRuleSet } from '../../activities/detection/rules/rule-set.repository';
import { MarketCalendarHolder } from '../../activities/detection/rules/market-calendar';
import { ChampionHolder } from '../../activities/detection/scoring/champion-holder';
import { scoreTrades } from '../../activities/detection/scoring/score-trades';
import { evaluateRules } from '../../activities/detection/rules/evaluate-rules';
import { scoreEnsemble } from '../../activities/models/scoring/score-ensemble';
import { eventKeyOf } from '../../activities/ingest/event-key';
import { extractFeatures, fromTradeRecord, type FeatureTrade } from '../../activities/models/features';
import { ArtefactStore } from '../../activities/models/registry/artefact-store';
import { createTokenService } from '../../client/api/auth/token-service';
import { storeApiTrades } from '../../client/api/intake/store-api-trades';
import { generateTradeRows } from '../../client/generate';
import { ProcessGroup, stopChild } from '../../dev/stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from '../../dev/stack/postgres-server';
import { startTemporalDevServer } from '../../dev/stack/temporal-server';
import { migrateOrThrow } from '../../schemas/db/migrator';
import type { RawTradeRow, TradeRecord } from '../../schemas/trade/fields';
import { validateTrade } from '../../schemas/trade/validate-trade';
import { trainChampion } from './champion';

// bench/realtime: sustained single-trade POST /api/trades on loopback (open loop, fixed rate: see load.ts) against the
// real API with a trained champion and a day of stored context, next to the same load on a bare express endpoint
// that only parses JSON; then batch scoring throughput. Usage: npm run bench:realtime -- [seconds] [rate] [batchRows]
const seconds = Number(process.argv[2] ?? 30);
const rate = Number(process.argv[3] ?? 500);
const batchRows = Number(process.argv[4] ?? 200_000);
/** Keep-alive connections the generator may open: at most this many requests in flight (the rest wait, and count). */
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DATE = '2026-11-18';
const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'swap-bench-rt-'));
chmodSync(scratch, 0o755);
const secret = 'bench-realtime-secret-at-least-32-bytes';

/** A generated day, validated as ingestion would (a clock after the date), with its labels. */
function generatedDay(rows: number, seed: number) {
  const nowMs = Date.parse(`${DATE}T00:00:00+09:00`) + 3 * 86_400_000;
  const out: { raw: RawTradeRow; record: TradeRecord; anomaly: boolean }[] = [];
  for (const { row, label } of generateTradeRows({ date: DATE, rows, seed, anomalyRate: 0.01 })) {
    const result = validateTrade(row, nowMs);
    if (result.ok) out.push({ raw: row, record: result.record, anomaly: label !== 'normal' });
  }
  return out;
}

async function startServer(
  mode: 'intake' | 'bare',
  env: Record<string, string>,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      '--import',
      'tsx',
      path.join(root, 'bench/realtime/serve.ts'),
      mode,
    ],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /^PORT (\d+)$/.exec(line);
    if (match) return { port: Number(match[1]), child };
  }
  throw new Error(`${mode} server exited before listening`);
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux): robust on a shared machine. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Drives `port` from a separate process (bench/realtime/load.ts) and returns its measurements. */
async function load(server: { port: number; child: ChildProcess }, bodiesFile: string, token: string) {
  const { port } = server;
  const cpuBefore = cpuMsOf(server.child.pid!);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'bench/realtime/load.ts'),
      String(port),
      String(seconds),
      String(rate),
      String(connections),
      bodiesFile,
      token,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  for await (const chunk of child.stdout) output += String(chunk);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  const measured = JSON.parse(output.trim()) as {
    requestsPerSecond: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    maxMs: number;
    errors: number;
    requests: number;
    warmUpRequests: number;
    anomalyAnswers: number;
    p99NormalMs: number;
    p50AnomalyMs: number;
    sendLagP99Ms: number;
  };
  // The server's own CPU per answered request: what the machine's other load does not change much.
  const answered = measured.requests + measured.warmUpRequests;
  const serverCpuMsPerRequest = Number(((cpuMsOf(server.child.pid!) - cpuBefore) / answered).toFixed(2));
  return { ...measured, serverCpuMsPerRequest };
}

try {
  const [temporal, postgres] = await Promise.all([
    startTemporalDevServer({ group, log, headless: true }),
    startPostgres({ group, dataDir: path.join(scratch, 'pg'), log, ephemeral: true }),
  ]);
  await ensureDatabase(postgres.adminUrl, 'bench_realtime');
  const url = databaseUrl(postgres.adminUrl, 'bench_realtime');
  const db = createDb({ databaseUrl: url });
  await migrateOrThrow(db.kysely as never);
  const modelsDir = path.join(scratch, 'data', 'models');

  log('storing a day of context and training a champion');
  const context = generatedDay(20_000, 1);
  for (let i = 0; i < context.length; i += 1000) {
    await storeApiTrades(
      db.kysely,
      context.slice(i, i + 1000).map((c) => ({ record: c.record, eventKey: eventKeyOf(c.record) })),
    );
  }
  const featureTrades = context.map((c) => fromTradeRecord(c.record, eventKeyOf(c.record)));
  await trainChampion(db, modelsDir, {
    version: 'bench-1',
    trades: featureTrades,
    labels: context.map((c) => c.anomaly),
  });

  const posted = generatedDay(Math.ceil(seconds * rate * 1.1), 2).map((p) =>
    JSON.stringify(Object.fromEntries(Object.entries(p.raw).filter(([, v]) => v !== ''))),
  );
  const bodiesFile = path.join(scratch, 'bodies.jsonl');
  writeFileSync(bodiesFile, posted.join('\n') + '\n');
  const token = (await createTokenService({ secret }).issue({ sub: 'bench', role: 'service' })).token;
  const env = {
    TEMPORAL_ADDRESS: temporal.address,
    DATABASE_URL: url,
    DATA_DIR: path.join(scratch, 'data'),
    API_JWT_SECRET: secret,
    CPU_TASK_QUEUE: 'bench-anomalies',
    INBOX_WATCH: 'false',
    LOG_LEVEL: 'error',
  };
  const loadAverage = os.loadavg()[0]!.toFixed(1);
  log(`POST /api/trades: ${seconds} s at ${rate} req/s, single trades, ${connections} connections`);
  const intakeServer = await startServer('intake', env);
  const intake = await load(intakeServer, bodiesFile, token);
  await stopChild(intakeServer.child);
  log(`bare express: ${seconds} s at ${rate} req/s`);
  const bareServer = await startServer('bare', env);
  const bare = await load(bareServer, bodiesFile, token);
  await stopChild(bareServer.child);
  const stages: Record<string, number> = {};

  log(`batch scoring: ${batchRows} trades in memory, then one stored day end to end`);
  const holder = new ChampionHolder({
    db,
    store: new ArtefactStore(modelsDir),
    provider: 'cpu',
    logger: createLogger({ service: 'bench', level: 'error' }),
    pollMs: 60_000,
  });
  const champion = await holder.get();
  const rules = (await activeRuleSet(db.kysely)).rules;
  const day: FeatureTrade[] = generatedDay(batchRows, 3).map((d, i) => fromTradeRecord(d.record, `k${i}`));
  // The first call also starts the ONNX worker threads and opens their sessions, which a long-running GPU worker did
  // long before: it is reported apart, and the median of the next three runs is the number.
  const runSeconds: number[] = [];
  for (let run = 0; run < 4; run++) {
    // Fresh trade objects per run, as a batch loaded from the database has: what is memoised per trade object or per
    // array (facts, indexes) must not carry over from the run before.
    const targets = day.map((t) => ({ ...t }));
    const started = performance.now();
    const scoredDay = await scoreTrades({
      targets,
      context: [],
      champion,
      rules,
      decision: { policy: 'weighted' },
    });
    runSeconds.push((performance.now() - started) / 1000);
    stages.anomalies = scoredDay.filter((s) => s.isAnomaly).length;
  }
  const firstRunSeconds = runSeconds[0]!;
  const warm = runSeconds.slice(1).sort((a, b) => a - b);
  const inMemorySeconds = warm[Math.floor(warm.length / 2)]!;
  // Where the in-memory time goes: features, rules and the ONNX run, each alone.
  const fresh = day.map((t) => ({ ...t }));
  let at = performance.now();
  const features = extractFeatures(fresh, champion!.reference);
  stages.featuresSeconds = (performance.now() - at) / 1000;
  at = performance.now();
  // Rules on a population whose facts the features have worked out, as inside scoreTrades.
  const copy = fresh.slice();
  evaluateRules({ targets: copy, population: copy, reference: champion!.reference, rules });
  stages.rulesSeconds = (performance.now() - at) / 1000;
  at = performance.now();
  await scoreEnsemble(champion!.session, features);
  stages.onnxSeconds = (performance.now() - at) / 1000;
  const activities = createBatchScoringActivities({
    db,
    logger: createLogger({ service: 'bench', level: 'error' }),
    champion: holder,
    calendar: new MarketCalendarHolder(db.kysely, 60_000),
    decision: { policy: 'weighted' },
  });
  const e2eStart = performance.now();
  const chunk = (await new MockActivityEnvironment().run(activities.scoreDetectionChunk, {
    from: `${DATE}T00:00:00+09:00`,
    to: `${DATE}T23:59:59+09:00`,
  })) as ScoreDetectionChunkResult;
  const e2eSeconds = (performance.now() - e2eStart) / 1000;
  await holder.close();
  await db.close();

  const report = {
    machine: `${os.availableParallelism()} cores, shared with other work while measuring (load ${loadAverage})`,
    realtime: {
      seconds,
      targetRate: rate,
      connections,
      intake,
      bareExpress: bare,
      p99Ratio: Number((intake.p99Ms / Math.max(bare.p99Ms, 1)).toFixed(2)),
      throughputRatio: Number((intake.requestsPerSecond / Math.max(bare.requestsPerSecond, 1)).toFixed(3)),
    },
    batchScoring: {
      inMemory: {
        trades: day.length,
        seconds: Number(inMemorySeconds.toFixed(2)),
        tradesPerSecond: Math.round(day.length / inMemorySeconds),
        warmRunsTradesPerSecond: runSeconds.slice(1).map((s) => Math.round(day.length / s)),
        firstRunTradesPerSecond: Math.round(day.length / firstRunSeconds),
        stages: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, Number(v.toFixed(2))])),
      },
      endToEndChunk: {
        trades: chunk.trades,
        seconds: Number(e2eSeconds.toFixed(2)),
        tradesPerSecond: Math.round(chunk.trades / e2eSeconds),
      },
    },
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} finally {
  await group.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDb } from '../activities/db/connection';
import { maskUrl } from '../activities/logging/logger';
import { generateTradeFile } from '../client/generate/index';
import { startIngest } from '../client/ingest/start-ingest';
import { connectTemporal, temporalUiLink } from '../client/temporal/connect';
import { dataPaths } from '../schemas/config';
import { migrateOrThrow } from '../schemas/db/migrator';
import { CPU_TASK_QUEUE } from '../schemas/task-queues';
import { buildWorkflowBundle } from '../workers/workflow-bundle';
import { currentChampion } from '../activities/models/registry/model-registry';
import { applySchedules } from '../client/schedules/apply-schedules';
import { scheduleDefinitions } from '../client/schedules/schedule-definitions';
import { isoWeekContaining } from '../schemas/calendar/iso-week';
import { previousWeekdayKst } from './stack/business-day';
import { devSecret, writeCliEnv } from './stack/dev-secrets';
import { ProcessGroup, isPortOpen, waitFor } from './stack/child-processes';
import { databaseUrl, ensureDatabase, startPostgres } from './stack/postgres-server';
import { startMailCatcher } from './stack/mail-catcher';
import { startTemporalDevServer } from './stack/temporal-server';

// `npm start`: provisions Temporal and PostgreSQL, migrates, starts the workers and the API, then generates a
// synthetic business day into the data folder and ingests it. Ctrl-C stops every child.
const root = path.resolve(import.meta.dirname, '..');
const env = process.env;
const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
const paths = dataPaths(dataDir);
const log = (line: string) => process.stderr.write(`[start] ${line}\n`);
const group = new ProcessGroup();
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping…');
    await group.stopAll();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  mkdirSync(paths.inbox, { recursive: true });
  const temporal = env.TEMPORAL_ADDRESS
    ? { address: env.TEMPORAL_ADDRESS, uiUrl: env.TEMPORAL_UI_URL }
    : await startTemporalDevServer({
        group,
        log,
        dbFile: path.join(dataDir, 'temporal', 'temporal.db'),
        port: Number(env.TEMPORAL_PORT ?? 7233),
        uiPort: Number(env.TEMPORAL_UI_PORT ?? 8233),
      });
  log(`Temporal ready at ${temporal.address}`);

  let appDatabaseUrl = env.DATABASE_URL;
  if (!appDatabaseUrl) {
    const port = Number(env.POSTGRES_PORT ?? 5433);
    if (await isPortOpen('127.0.0.1', port))
      throw new Error(`port ${port} is in use: stop the other server or set POSTGRES_PORT or DATABASE_URL`);
    const postgres = await startPostgres({ group, dataDir: path.join(dataDir, 'postgres'), log, port });
    await ensureDatabase(postgres.adminUrl, 'swap_reporting');
    appDatabaseUrl = databaseUrl(postgres.adminUrl, 'swap_reporting');
    log(`PostgreSQL (${postgres.kind}) ready at ${maskUrl(appDatabaseUrl)}`);
  }
  const db = createDb({ databaseUrl: appDatabaseUrl });
  await migrateOrThrow(db.kysely as never);
  await db.close();
  log('database migrated');

  // Alerts go to SMTP_URL when set; otherwise to a loopback catcher that saves each mail under DATA_DIR/mail.
  const smtpUrl =
    env.SMTP_URL ??
    (await startMailCatcher({ dir: path.join(dataDir, 'mail'), port: Number(env.SMTP_PORT ?? 1025), log })).url;

  // Workers load one prebuilt bundle instead of each bundling the workflow code at start.
  const bundle = await buildWorkflowBundle(path.join(dataDir, 'build', 'workflow-bundle.js'));
  const apiPort = Number(env.API_PORT ?? 8080);
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    TEMPORAL_ADDRESS: temporal.address,
    DATABASE_URL: appDatabaseUrl,
    DATA_DIR: dataDir,
    WORKFLOW_BUNDLE: bundle,
    API_PORT: String(apiPort),
    API_JWT_SECRET: env.API_JWT_SECRET ?? devSecret(dataDir, 'api-jwt-secret'),
    LOG_FORMAT: env.LOG_FORMAT ?? 'json',
    SMTP_URL: smtpUrl,
    APP_BASE_URL: env.APP_BASE_URL ?? `http://127.0.0.1:${apiPort}`,
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
  };
  writeCliEnv(dataDir, childEnv);
  const tsx = ['--import', 'tsx'];
  group.start('cpu-worker', process.execPath, [...tsx, path.join(root, 'workers/main.ts')], {
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  group.start('gpu-worker', process.execPath, [...tsx, path.join(root, 'gpu-worker/main.ts')], {
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  group.start('api', process.execPath, [...tsx, path.join(root, 'client/api/main.ts')], {
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor('the API', async () => (await fetch(`${apiUrl}/readyz`).catch(() => undefined))?.ok === true, 60_000);

  // A synthetic business day: the last weekday that has ended in KST, so no trade lies in the future.
  const date = env.START_DATE ?? previousWeekdayKst(new Date());
  const rows = Number(env.START_ROWS ?? 20_000);
  const generatedDir = path.join(dataDir, 'generated');
  mkdirSync(generatedDir, { recursive: true });
  const file = path.join(generatedDir, `trades-${date}.csv`);
  const generated = await generateTradeFile({ date, rows, seed: Number(date.replaceAll('-', '')), out: file });
  log(`generated ${generated.rows} trades for ${date} (${generated.anomalyRows} labelled anomalies) in ${file}`);

  const { client, close } = await connectTemporal({
    address: temporal.address,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
  });
  const started = await startIngest(client, {
    filePath: file,
    taskQueue: CPU_TASK_QUEUE,
    chunkRows: Number(env.INGEST_CHUNK_ROWS ?? 50_000),
  });
  const result = await started.handle.result();

  // Schedules from the one declared list; a first champion when there is none, so scoring has a model.
  const applied = await applySchedules(client, scheduleDefinitions({ cpuTaskQueue: CPU_TASK_QUEUE }));
  log(`schedules: ${applied.map((a) => `${a.scheduleId} ${a.action}`).join(', ')}`);
  const registry = createDb({ databaseUrl: appDatabaseUrl });
  let champion = await currentChampion(registry.kysely);
  if (!champion) {
    const week = isoWeekContaining(Date.parse(`${date}T12:00:00+09:00`), 540);
    log(`no champion model yet: training one on ${week}…`);
    const training = await client.workflow.execute('weeklyTrainingWorkflow', {
      workflowId: `training-${week}-first-champion`,
      taskQueue: CPU_TASK_QUEUE,
      args: [{ week }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    log(`training ${(training as { version: string }).version}: ${(training as { reason: string }).reason}`);
    champion = await currentChampion(registry.kysely);
  }
  await registry.close();
  await close();
  const ui = temporal.uiUrl ?? env.TEMPORAL_UI_URL;
  process.stdout.write(
    [
      '',
      'swap-reporting is ready.',
      `  Temporal web UI   ${ui ?? '(external server: see its own UI)'}`,
      ...(ui
        ? [`  ingest run        ${temporalUiLink(ui, env.TEMPORAL_NAMESPACE ?? 'default', started.workflowId)}`]
        : []),
      `  API               ${apiUrl}  (health: ${apiUrl}/readyz)`,
      `  inbox             ${paths.inbox}  (drop CSV trade files here)`,
      `  alert e-mail      ${env.SMTP_URL ? smtpUrl : `${path.join(dataDir, 'mail')} (SMTP catcher at ${smtpUrl})`}`,
      `  ingested ${date}: read ${result.read}, loaded ${result.loaded}, rejected ${result.rejected}, duplicates ${result.duplicates}`,
      `  champion model    ${champion ? `${champion.version} (npm run cli -- models list)` : 'none'}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}

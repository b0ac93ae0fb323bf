import { createDb } from '../../activities/db/connection';
import { createLogger } from '../../activities/logging/logger';
import { apiConfigSchema, dataPaths, loadConfig } from '../../schemas/config';
import { startInboxWatcher } from '../inbox/inbox-watcher';
import { connectTemporal } from '../temporal/connect';
import { createApp } from './app';
import { createTokenService } from './auth/token-service';
import { createIntakeSetup } from './intake/intake-setup';
import { createHttpMetrics, serveMetrics } from './metrics/http-metrics';

// API process: the HTTP API and web UI, plus the inbox watcher that submits dropped files for ingestion.
const config = loadConfig(apiConfigSchema, process.env);
const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
const db = createDb({ databaseUrl: config.DATABASE_URL, logger });
const temporal = await connectTemporal({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
const tokens = createTokenService({ secret: config.API_JWT_SECRET });
const intake = createIntakeSetup(config, { db, temporal: temporal.client, logger });
const metrics = createHttpMetrics();
if (config.METRICS_PORT > 0) serveMetrics(metrics.registry, config.METRICS_PORT).unref();
const app = createApp({
  metrics: metrics.middleware,
  db,
  temporal: temporal.client,
  logger,
  tokens,
  intake,
  revocationCacheMs: config.API_REVOCATION_CACHE_MS,
  staff: {
    temporalUiUrl: config.TEMPORAL_UI_URL,
    temporalNamespace: config.TEMPORAL_NAMESPACE,
    sessionTtlSeconds: config.API_SESSION_TTL_MINUTES * 60,
    loginRateLimit: { limit: config.API_LOGIN_RATE_LIMIT, windowMs: 60_000 },
    reportsDir: dataPaths(config.DATA_DIR).reports,
  },
});
const server = app.listen(config.API_PORT, config.API_HOST, () => {
  logger.info({ url: `http://${config.API_HOST}:${config.API_PORT}` }, 'api listening');
});
const paths = dataPaths(config.DATA_DIR);
const watcher = config.INBOX_WATCH
  ? startInboxWatcher({
      client: temporal.client,
      logger: logger.child({ component: 'inbox' }),
      inboxDir: paths.inbox,
      processedDir: paths.inboxProcessed,
      failedDir: paths.inboxFailed,
      taskQueue: config.CPU_TASK_QUEUE,
      chunkRows: config.INGEST_CHUNK_ROWS,
      pollMs: config.INBOX_POLL_MS,
    })
  : undefined;
if (watcher) logger.info({ inbox: paths.inbox }, 'watching the inbox');

async function shutdown(): Promise<void> {
  logger.info({}, 'api stopping');
  server.close();
  await watcher?.stop();
  await intake.close();
  await temporal.close();
  await db.close();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());

import express from 'express';
import { createDb } from '../../activities/db/connection';
import { createLogger } from '../../activities/logging/logger';
import { createApp } from '../../client/api/app';
import { createTokenService } from '../../client/api/auth/token-service';
import { createIntakeSetup } from '../../client/api/intake/intake-setup';
import { connectTemporal } from '../../client/temporal/connect';
import { apiConfigSchema, loadConfig } from '../../schemas/config';

// The server side of bench/realtime, in its own process so the load generator does not share its event loop:
// `intake` = the real API (auth, validation, store, score, answer); `bare` = express parsing JSON and nothing else.
const mode = process.argv[2];
if (mode === 'bare') {
  const app = express();
  app.use(express.json({ limit: '2mb' }));
  app.post('/api/trades', (req, res) => {
    res.json({ received: Array.isArray(req.body) ? req.body.length : 1 });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
} else {
  const config = loadConfig(apiConfigSchema, process.env);
  const logger = createLogger({ service: 'bench-api', level: 'error' });
  const db = createDb({ databaseUrl: config.DATABASE_URL, logger });
  const temporal = await connectTemporal({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
  const tokens = createTokenService({ secret: config.API_JWT_SECRET });
  const intake = createIntakeSetup(config, { db, temporal: temporal.client, logger });
  // Load the champion before the first request, as a warm process would have.
  await intake.deps.champion.get();
  const app = createApp({ db, temporal: temporal.client, logger, tokens, intake });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}
// Exit normally on SIGTERM, so `--cpu-prof` (BENCH_CPU_PROF) can write its profile.
process.once('SIGTERM', () => process.exit(0));

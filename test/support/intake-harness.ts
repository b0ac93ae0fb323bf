import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { createLogger } from '../../activities/logging/logger';
import { createApp } from '../../client/api/app';
import { createTokenService, type TokenService } from '../../client/api/auth/token-service';
import type { Role } from '../../client/api/auth/roles';
import { createIntakeSetup } from '../../client/api/intake/intake-setup';
import { apiConfigSchema, dataPaths, loadConfig } from '../../schemas/config';
import { createTestDatabase, type TestDatabase } from './test-database';
import { connectClient, scratchDir, temporalAddress, uniqueTaskQueue } from './temporal-env';

/** The real API (express, intake, auth) on a loopback port, a fresh database and a Temporal client. */
export interface IntakeHarness {
  database: TestDatabase;
  client: Client;
  /** The task queue anomaly workflows are started on (no worker polls it here: tests count executions). */
  workflowTaskQueue: string;
  modelsDir: string;
  url: string;
  tokens: TokenService;
  token(role: Role): Promise<string>;
  post(body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * `intakeTemporal` replaces the client the intake starts anomaly workflows with (e.g. one that cannot connect);
 * `client` stays a working one for the test's own checks.
 */
export async function startIntakeHarness(
  env: Record<string, string> = {},
  options: { intakeTemporal?: Client } = {},
): Promise<IntakeHarness> {
  const database = await createTestDatabase('intake');
  const { client, close } = await connectClient();
  const workflowTaskQueue = uniqueTaskQueue('anomaly');
  const dataDir = path.join(scratchDir('intake'), 'data');
  const secret = 'intake-test-secret-of-at-least-32-bytes!';
  const config = loadConfig(apiConfigSchema, {
    TEMPORAL_ADDRESS: temporalAddress(),
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    API_JWT_SECRET: secret,
    CPU_TASK_QUEUE: workflowTaskQueue,
    CHAMPION_POLL_MS: '1',
    ...env,
  });
  const logger = createLogger({ service: 'test-api', level: 'error' });
  const tokens = createTokenService({ secret });
  const intake = createIntakeSetup(config, { db: database.db, temporal: options.intakeTemporal ?? client, logger });
  const app = createApp({ db: database.db, temporal: client, logger, tokens, intake });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    database,
    client,
    workflowTaskQueue,
    modelsDir: dataPaths(dataDir).models,
    url,
    tokens,
    token: async (role) => (await tokens.issue({ sub: `test-${role}`, role })).token,
    async post(body, token) {
      const response = await fetch(`${url}/api/trades`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await intake.close();
      await close();
      await database.drop();
    },
  };
}

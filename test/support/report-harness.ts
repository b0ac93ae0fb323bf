import path from 'node:path';
import type { Client } from '@temporalio/client';
import { createLogger } from '../../activities/logging/logger';
import { loadConfig, workerConfigSchema } from '../../schemas/config';
import { createCpuWorker, type CpuWorker } from '../../workers/cpu-worker';
import { installTemporalRuntime } from '../../workers/runtime';
import { createTestDatabase, type TestDatabase } from './test-database';
import { connectClient, scratchDir, temporalAddress, uniqueTaskQueue } from './temporal-env';

/** A real CPU worker with report settings (`env`), a fresh database and a client, for report tests. */
export interface ReportHarness {
  database: TestDatabase;
  client: Client;
  taskQueue: string;
  dir: string;
  dataDir: string;
  close(): Promise<void>;
}

let runtimeInstalled = false;

export async function startReportHarness(
  env: Record<string, string> = {},
  dir = scratchDir('reports'),
): Promise<ReportHarness> {
  if (!runtimeInstalled) {
    installTemporalRuntime(createLogger({ service: 'test-sdk', level: 'error' }), 0);
    runtimeInstalled = true;
  }
  const database = await createTestDatabase('reports');
  const taskQueue = uniqueTaskQueue('reports');
  const dataDir = path.join(dir, 'data');
  const config = loadConfig(workerConfigSchema, {
    TEMPORAL_ADDRESS: temporalAddress(),
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    CPU_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'error',
    ...env,
  });
  const worker: CpuWorker = await createCpuWorker(config, createLogger({ service: 'test-worker', level: 'error' }));
  const running = worker.run();
  const { client, close } = await connectClient();
  return {
    database,
    client,
    taskQueue,
    dir,
    dataDir,
    async close() {
      worker.worker.shutdown();
      await running;
      await close();
      await database.drop();
    },
  };
}

/** Polls `probe` until it returns a truthy value (a test's wait for something the worker does). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 200));
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, workerConfigSchema, type WorkerConfig } from '../../schemas/config';

export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run the tests with `npm test`');
  return address;
}

export async function connectClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: temporalAddress() });
  return { client: new Client({ connection }), close: () => connection.close() };
}

export function uniqueTaskQueue(name: string): string {
  return `test-${name}-${randomBytes(4).toString('hex')}`;
}

export function scratchDir(prefix: string): string {
  const base = process.env.SWAP_TEST_SCRATCH ?? '/tmp';
  return mkdtempSync(path.join(base, `${prefix}-`));
}

/** A worker configuration for tests: this suite's database, a private task queue and data folder. */
export function testWorkerConfig(overrides: {
  databaseUrl: string;
  taskQueue: string;
  dataDir: string;
  chunkRows?: number;
}): WorkerConfig {
  return loadConfig(workerConfigSchema, {
    TEMPORAL_ADDRESS: temporalAddress(),
    DATABASE_URL: overrides.databaseUrl,
    DATA_DIR: overrides.dataDir,
    CPU_TASK_QUEUE: overrides.taskQueue,
    INGEST_CHUNK_ROWS: String(overrides.chunkRows ?? 1000),
    LOG_LEVEL: 'warn',
  });
}

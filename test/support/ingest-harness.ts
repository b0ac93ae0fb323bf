import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Db } from '../../activities/db/connection';
import { createLogger } from '../../activities/logging/logger';
import { startIngest } from '../../client/ingest/start-ingest';
import type { WorkerConfig } from '../../schemas/config';
import type { IngestFileResult } from '../../schemas/ingest-workflow';
import { createCpuWorker, type CpuWorker } from '../../workers/cpu-worker';
import { installTemporalRuntime } from '../../workers/runtime';
import { recordHistory } from './record-history';
import { createTestDatabase, type TestDatabase } from './test-database';
import { connectClient, scratchDir, testWorkerConfig, uniqueTaskQueue } from './temporal-env';

/** A real CPU worker on a private task queue, a fresh database and a Temporal client, for ingestion tests. */
export interface IngestHarness {
  database: TestDatabase;
  db: Db;
  client: Client;
  taskQueue: string;
  dir: string;
  /** Writes `content` to a file and ingests it; `recordAs` saves the run's history when RECORD_HISTORIES=1. */
  ingest(name: string, content: string | Buffer, recordAs?: string): Promise<IngestFileResult & { workflowId: string }>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

export async function startIngestHarness(
  options: { chunkRows?: number; config?: Partial<WorkerConfig> } = {},
): Promise<IngestHarness> {
  if (!runtimeInstalled) {
    installTemporalRuntime(createLogger({ service: 'test-sdk', level: 'error' }), 0);
    runtimeInstalled = true;
  }
  const database = await createTestDatabase('ingest');
  const taskQueue = uniqueTaskQueue('ingest');
  const dir = scratchDir('ingest');
  const chunkRows = options.chunkRows ?? 1000;
  const config = {
    ...testWorkerConfig({ databaseUrl: database.url, taskQueue, dataDir: path.join(dir, 'data'), chunkRows }),
    ...options.config,
  };
  const worker: CpuWorker = await createCpuWorker(config, createLogger({ service: 'test-worker', level: 'error' }));
  const running = worker.run();
  const { client, close } = await connectClient();
  return {
    database,
    db: database.db,
    client,
    taskQueue,
    dir,
    async ingest(name, content, recordAs) {
      const filePath = path.join(dir, name);
      writeFileSync(filePath, content);
      const started = await startIngest(client, { filePath, taskQueue, chunkRows });
      const result = await started.handle.result();
      if (recordAs) await recordHistory(client, started.workflowId, recordAs);
      return { ...result, workflowId: started.workflowId };
    },
    async close() {
      worker.worker.shutdown();
      await running;
      await close();
      await database.drop();
    },
  };
}

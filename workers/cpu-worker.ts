import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDb, type Db } from '../activities/db/connection';
import { createIngestActivities } from '../activities/ingest/ingest.activities';
import type { Logger } from '../activities/logging/logger';
import { createTrainingDataActivities } from '../activities/models/training/training-data.activities';
import { createSmtpTransport } from '../activities/mail/smtp-transport';
import { createReportWorkerActivities } from './report-activities';
import { dataPaths, type WorkerConfig } from '../schemas/config';
import { createAlertActivities, mailSettingsOf } from './alert-activities';

export const WORKFLOWS_PATH = path.join(import.meta.dirname, '..', 'workflows', 'index.ts');

export interface CpuWorker {
  worker: Worker;
  db: Db;
  /** Runs until shutdown() or a fatal error; closes the database and connection afterwards. */
  run(): Promise<void>;
}

/** Builds the CPU worker: every workflow plus the I/O activities, dependencies injected once. */
export async function createCpuWorker(config: WorkerConfig, logger: Logger): Promise<CpuWorker> {
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const db = createDb({
    databaseUrl: config.DATABASE_URL,
    logger,
    maxConnections: config.CPU_WORKER_MAX_ACTIVITIES + 4,
  });
  const training = createTrainingDataActivities({
    db,
    logger: logger.child({ component: 'training' }),
    clock: () => new Date(),
    modelsDir: dataPaths(config.DATA_DIR).models,
    provider: 'cpu',
  });
  const activities = {
    prepareTrainingData: training.prepareTrainingData,
    promoteModel: training.promoteModel,
    keepChampion: training.keepChampion,
    ...createIngestActivities({
      db,
      logger: logger.child({ component: 'ingest' }),
      clock: () => new Date(),
      fileStoreDir: dataPaths(config.DATA_DIR).fileStore,
      parseThreads: config.INGEST_PARSE_THREADS,
    }),
    ...createAlertActivities({
      db,
      logger,
      clock: () => new Date(),
      transport: createSmtpTransport({ url: config.SMTP_URL, user: config.SMTP_USER, password: config.SMTP_PASSWORD }),
      settings: mailSettingsOf(config),
    }),
    ...createReportWorkerActivities(config, db, logger.child({ component: 'reports' })),
  };
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.CPU_TASK_QUEUE,
    // A prebuilt bundle in production (WORKFLOW_BUNDLE); bundling at start in development.
    ...(config.WORKFLOW_BUNDLE
      ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE } }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities,
    maxConcurrentActivityTaskExecutions: config.CPU_WORKER_MAX_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.CPU_WORKER_MAX_WORKFLOW_TASKS,
  });
  return {
    worker,
    db,
    async run() {
      try {
        await worker.run();
      } finally {
        await db.close();
        await connection.close();
      }
    },
  };
}

import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import { createBatchDetectionActivities } from '../activities/detection/batch-detection.activities';
import { createDb, type Db } from '../activities/db/connection';
import { createIngestActivities } from '../activities/ingest/ingest.activities';
import { stopPrestartedParseThread } from '../activities/ingest/parse-thread-pool';
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
  // Batch detection starts anomaly workflows, which needs a client connection beside the worker's own.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const detection = createBatchDetectionActivities({
    db,
    logger: logger.child({ component: 'batch-detection' }),
    clock: () => new Date(),
    temporal: new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }),
    workflowTaskQueue: config.CPU_TASK_QUEUE,
    gpuTaskQueue: config.GPU_TASK_QUEUE,
    reportsDir: path.join(dataPaths(config.DATA_DIR).root, 'reports', 'batch'),
    defaultChunkRows: config.DETECT_CHUNK_ROWS,
    alert: {
      threshold: config.BATCH_ALERT_THRESHOLD,
      recipients: config.BATCH_ALERT_TO.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
      from: config.ALERT_FROM,
      transport: createTransport(config.SMTP_URL),
    },
  });
  const activities = {
    ...detection,
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
        await stopPrestartedParseThread();
        await db.close();
        await clientConnection.close();
        await connection.close();
      }
    },
  };
}

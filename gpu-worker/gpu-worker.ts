import { NativeConnection, Worker } from '@temporalio/worker';
import { createAcceleratorActivities, probeAccelerator } from '../activities/accelerator/probe-accelerator';
import { createDb, type Db } from '../activities/db/connection';
import type { Logger } from '../activities/logging/logger';
import { createTrainingGpuActivities } from '../activities/models/training/training-gpu.activities';
import { createBatchScoringActivities } from '../activities/detection/batch-scoring.activities';
import { MarketCalendarHolder } from '../activities/detection/rules/market-calendar';
import { ChampionHolder } from '../activities/detection/scoring/champion-holder';
import { ArtefactStore } from '../activities/models/registry/artefact-store';
import { dataPaths, type WorkerConfig } from '../schemas/config';

/** How often the market-hours rule re-reads the business calendar (closures entered reach scoring within this). */
const CALENDAR_POLL_MS = 60_000;

export interface GpuWorker {
  worker: Worker;
  db: Db;
  run(): Promise<void>;
}

/** The GPU worker: activities only, on the GPU task queue: training, assembling and (later) batch scoring. */
export async function createGpuWorker(config: WorkerConfig, logger: Logger): Promise<GpuWorker> {
  const accelerator = probeAccelerator();
  const provider = config.ONNX_PROVIDER === 'cpu' || accelerator.device === 'cpu' ? 'cpu' : 'cuda';
  logger.info(
    { ...accelerator, provider },
    `gpu worker computes on ${accelerator.device}; ONNX sessions ask for ${provider}`,
  );
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const db = createDb({
    databaseUrl: config.DATABASE_URL,
    logger,
    maxConnections: config.GPU_WORKER_MAX_ACTIVITIES + 2,
  });
  const training = createTrainingGpuActivities({
    db,
    logger: logger.child({ component: 'training' }),
    clock: () => new Date(),
    modelsDir: dataPaths(config.DATA_DIR).models,
    provider,
  });
  const champion = new ChampionHolder({
    db,
    store: new ArtefactStore(dataPaths(config.DATA_DIR).models),
    provider,
    logger: logger.child({ component: 'batch-scoring' }),
    pollMs: config.CHAMPION_POLL_MS,
  });
  const scoring = createBatchScoringActivities({
    db,
    logger: logger.child({ component: 'batch-scoring' }),
    champion,
    calendar: new MarketCalendarHolder(db.kysely, CALENDAR_POLL_MS),
    decision: {
      policy: config.DETECTION_POLICY,
      ...(config.DETECTION_THRESHOLD !== undefined && { threshold: config.DETECTION_THRESHOLD }),
    },
  });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.GPU_TASK_QUEUE,
    activities: {
      ...createAcceleratorActivities(accelerator),
      trainDetector: training.trainDetector,
      assembleEnsemble: training.assembleEnsemble,
      scoreDetectionChunk: scoring.scoreDetectionChunk,
    },
    maxConcurrentActivityTaskExecutions: config.GPU_WORKER_MAX_ACTIVITIES,
  });
  return {
    worker,
    db,
    async run() {
      try {
        await worker.run();
      } finally {
        await champion.close();
        await db.close();
        await connection.close();
      }
    },
  };
}

import { NativeConnection, Worker } from '@temporalio/worker';
import { createAcceleratorActivities, probeAccelerator } from '../activities/accelerator/probe-accelerator';
import { createLogger } from '../activities/logging/logger';
import { loadConfig, workerConfigSchema } from '../schemas/config';
import { installTemporalRuntime } from '../workers/runtime';

// GPU worker process: activities only, on the `swap-gpu` task queue; CUDA when the host has it, CPU otherwise.
const config = loadConfig(workerConfigSchema, process.env);
const logger = createLogger({ service: 'gpu-worker', level: config.LOG_LEVEL });
installTemporalRuntime(logger, config.METRICS_PORT);
const accelerator = probeAccelerator();
logger.info({ ...accelerator }, `gpu worker will compute on ${accelerator.device}`);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.GPU_TASK_QUEUE,
  activities: createAcceleratorActivities(accelerator),
  maxConcurrentActivityTaskExecutions: config.GPU_WORKER_MAX_ACTIVITIES,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
logger.info({ taskQueue: config.GPU_TASK_QUEUE }, 'gpu worker started');
try {
  await worker.run();
} finally {
  await connection.close();
}
logger.info({}, 'gpu worker stopped');

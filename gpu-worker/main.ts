import { createLogger } from '../activities/logging/logger';
import { loadConfig, workerConfigSchema } from '../schemas/config';
import { installTemporalRuntime } from '../workers/runtime';
import { createGpuWorker } from './gpu-worker';

// GPU worker process: activities only, on the `swap-gpu` task queue; CUDA when the host has it, CPU otherwise.
const config = loadConfig(workerConfigSchema, process.env);
const logger = createLogger({ service: 'gpu-worker', level: config.LOG_LEVEL });
installTemporalRuntime(logger, config.METRICS_PORT);
const { worker, run } = await createGpuWorker(config, logger);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
logger.info({ taskQueue: config.GPU_TASK_QUEUE }, 'gpu worker started');
await run();
logger.info({}, 'gpu worker stopped');

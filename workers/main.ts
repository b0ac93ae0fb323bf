import { createLogger } from '../activities/logging/logger';
import { loadConfig, workerConfigSchema } from '../schemas/config';
import { createCpuWorker } from './cpu-worker';
import { installTemporalRuntime } from './runtime';

// CPU worker process: every workflow, plus the I/O activities, on the `swap-cpu` task queue.
const config = loadConfig(workerConfigSchema, process.env);
const logger = createLogger({ service: 'cpu-worker', level: config.LOG_LEVEL });
installTemporalRuntime(logger, config.METRICS_PORT);
const { worker, run } = await createCpuWorker(config, logger);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
logger.info({ taskQueue: config.CPU_TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS }, 'cpu worker started');
await run();
logger.info({}, 'cpu worker stopped');

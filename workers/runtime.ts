import { DefaultLogger, Runtime, type LogLevel as SdkLogLevel } from '@temporalio/worker';
import type { Logger } from '../activities/logging/logger';

/** Routes the Temporal SDK's own logs into our structured logger and, when a port is set, serves Prometheus metrics. */
export function installTemporalRuntime(logger: Logger, metricsPort: number): void {
  const sdkLogger = new DefaultLogger('WARN', (entry) => {
    const level = entry.level.toLowerCase() as Lowercase<SdkLogLevel>;
    const target = level === 'error' ? 'error' : level === 'warn' ? 'warn' : level === 'info' ? 'info' : 'debug';
    logger[target]({ sdk: true, ...(entry.meta ?? {}) }, entry.message);
  });
  Runtime.install({
    logger: sdkLogger,
    ...(metricsPort > 0
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `0.0.0.0:${metricsPort}` } } } }
      : {}),
  });
}

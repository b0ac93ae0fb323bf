import { cliConfigSchema, loadConfig, type CliConfig } from '../../schemas/config';
import { connectTemporal } from '../temporal/connect';
import { createDb, type Db } from '../../activities/db/connection';
import { withDevStackDefaults } from './dev-env-file';

/** Lazily built dependencies of CLI commands, from the one parsed config. */
export function cliContext(env: NodeJS.ProcessEnv = withDevStackDefaults(process.env)) {
  const config: CliConfig = loadConfig(cliConfigSchema, env);
  return {
    config,
    temporal: () => connectTemporal({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
    database(): Db {
      if (!config.DATABASE_URL)
        throw new Error('DATABASE_URL is not set (needed by this command; `npm start` provides it to the CLI)');
      return createDb({ databaseUrl: config.DATABASE_URL });
    },
  };
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** Written by `npm start` under its data folder: where its Temporal server and PostgreSQL listen. */
export const DEV_ENV_FILE = 'cli.env';

/**
 * The environment with `npm start`'s settings filled in where a variable is unset, so `npm run cli -- …` reaches
 * the local stack without exporting anything. Variables already set always win; without the file nothing changes.
 */
export function withDevStackDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = path.resolve(env.DATA_DIR ?? '.data', DEV_ENV_FILE);
  if (!existsSync(file)) return env;
  const defaults = parseEnv(readFileSync(file, 'utf8'));
  return { ...defaults, ...env };
}

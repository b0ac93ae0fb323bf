import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret for local runs, generated once and kept under the data folder (mode 0600), so tokens survive a
 * restart. Production sets the variable from its secret store; nothing here is ever logged.
 */
export function devSecret(dataDir: string, name: string): string {
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The settings `npm run cli -- …` needs to reach this stack (read by client/cli/dev-env-file.ts), mode 0600. */
export function writeCliEnv(dataDir: string, env: NodeJS.ProcessEnv): void {
  const keys = ['TEMPORAL_ADDRESS', 'TEMPORAL_UI_URL', 'DATABASE_URL', 'API_JWT_SECRET'] as const;
  const lines = keys.filter((k) => env[k]).map((k) => `${k}=${JSON.stringify(env[k])}`);
  writeFileSync(path.join(dataDir, 'cli.env'), `# written by npm start for the CLI\n${lines.join('\n')}\n`, {
    mode: 0o600,
  });
}

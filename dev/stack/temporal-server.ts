import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../schemas/search-attributes';
import { freePort, isPortOpen, type ProcessGroup, waitFor } from './child-processes';
import { toolCacheDir } from './tool-cache';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** A `temporal` binary: TEMPORAL_BIN, PATH, the tool cache, or built with Go into the tool cache. */
export function resolveTemporalBinary(log: (line: string) => void): string {
  const explicit = process.env.TEMPORAL_BIN;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TEMPORAL_BIN=${explicit} does not exist`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const binDir = path.join(toolCacheDir(), 'bin');
  const cached = path.join(binDir, 'temporal');
  if (existsSync(cached)) return cached;
  const go = onPath('go');
  if (!go) {
    throw new Error(
      'No Temporal server: set TEMPORAL_ADDRESS to a running server, put the `temporal` CLI on PATH ' +
        '(https://temporal.io/setup), or install Go so this project can build it ' +
        `(go install ${TEMPORAL_CLI_MODULE}).`,
    );
  }
  log(`building the Temporal CLI with Go into ${binDir} (first run only; a few minutes)…`);
  mkdirSync(binDir, { recursive: true });
  const build = spawnSync(go, ['install', TEMPORAL_CLI_MODULE], {
    env: { ...process.env, GOBIN: binDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(cached)) throw new Error(`go install ${TEMPORAL_CLI_MODULE} failed`);
  return cached;
}

export interface TemporalServer {
  address: string;
  uiUrl: string | undefined;
}

/**
 * Starts `temporal server start-dev` with our search attributes. `dbFile` keeps runs across restarts
 * (npm start); without it the server is in memory (tests).
 */
export async function startTemporalDevServer(options: {
  group: ProcessGroup;
  log: (line: string) => void;
  dbFile?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
}): Promise<TemporalServer> {
  const binary = resolveTemporalBinary(options.log);
  const port = options.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'];
  let uiUrl: string | undefined;
  if (options.headless) {
    args.push('--headless');
  } else {
    const uiPort = options.uiPort ?? (await freePort());
    args.push('--ui-port', String(uiPort));
    uiUrl = `http://127.0.0.1:${uiPort}`;
  }
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const [name, type] of Object.entries(CUSTOM_SEARCH_ATTRIBUTES))
    args.push('--search-attribute', `${name}=${type}`);
  if (await isPortOpen('127.0.0.1', port)) throw new Error(`port ${port} is already in use; set TEMPORAL_PORT`);
  const child = options.group.start('temporal', binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const address = `127.0.0.1:${port}`;
  await waitFor(
    `Temporal dev server at ${address}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`temporal server exited with code ${child.exitCode}`);
      return isTemporalReady(address);
    },
    60_000,
  );
  return { address, uiUrl };
}

export async function isTemporalReady(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

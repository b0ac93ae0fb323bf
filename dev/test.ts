import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessGroup } from './stack/child-processes';
import { startPostgres } from './stack/postgres-server';
import { startTemporalDevServer } from './stack/temporal-server';

// `npm test [tier…]`: checks (typecheck, lint, format) and every test tier against a real Temporal dev server and
// a real PostgreSQL that this script starts and stops. Tiers: unit, workflows, replay, integration, browser.
const root = path.resolve(import.meta.dirname, '..');
const TIERS = ['unit', 'replay', 'workflows', 'integration', 'browser'] as const;
// Arguments ending in .test.ts run just those files (with the servers their tier needs), e.g.
// `npx tsx dev/test.ts test/workflows/anomaly/anomaly.test.ts`.
const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const onlyFiles = args.filter((a) => a.endsWith('.test.ts')).map((a) => path.resolve(a));
const requested = args.filter((a) => !a.endsWith('.test.ts'));
const tiers = requested.length ? requested : onlyFiles.length ? [] : [...TIERS];
for (const tier of tiers) {
  if (!(TIERS as readonly string[]).includes(tier)) {
    console.error(`unknown test tier "${tier}"; expected one of ${TIERS.join(', ')}`);
    process.exit(2);
  }
}
const log = (line: string) => process.stderr.write(`[test] ${line}\n`);

function testFiles(dir: string): string[] {
  const full = path.join(root, 'test', dir);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) out.push(p);
    }
  };
  try {
    walk(full);
  } catch {
    // tier folder absent
  }
  return out;
}

function runCheck(name: string, args: string[]): void {
  log(`${name}…`);
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`${name} failed`);
    process.exit(1);
  }
}

if (requested.length === 0 && onlyFiles.length === 0 && !process.argv.includes('--no-checks')) {
  runCheck('typecheck', ['tsc', '--noEmit', '-p', '.']);
  runCheck('lint', ['eslint', '.']);
  runCheck('format check', ['prettier', '--check', '.', '--log-level', 'warn']);
}

const files = [...tiers.flatMap((tier) => testFiles(tier)), ...onlyFiles];
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const needsServers =
  tiers.some((t) => t !== 'unit' && t !== 'replay') ||
  onlyFiles.some((f) => !/[/\\]test[/\\](unit|replay)[/\\]/.test(f));
const group = new ProcessGroup();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'swap-test-'));
// The PostgreSQL server account (when we run as root) must reach its data folder inside.
chmodSync(scratch, 0o755);
let exitCode = 1;
try {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', SWAP_TEST_SCRATCH: scratch };
  if (needsServers) {
    const [temporal, postgres] = await Promise.all([
      process.env.TEMPORAL_ADDRESS
        ? Promise.resolve({ address: process.env.TEMPORAL_ADDRESS, uiUrl: undefined })
        : startTemporalDevServer({ group, log, headless: true }),
      process.env.TEST_DATABASE_ADMIN_URL
        ? Promise.resolve({ adminUrl: process.env.TEST_DATABASE_ADMIN_URL, kind: 'external' as const })
        : startPostgres({ group, dataDir: path.join(scratch, 'pg'), log, ephemeral: true }),
    ]);
    env.TEMPORAL_ADDRESS = temporal.address;
    env.TEST_DATABASE_ADMIN_URL = postgres.adminUrl;
    log(`Temporal at ${temporal.address}, PostgreSQL (${postgres.kind}) ready`);
  }
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
  const runner = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  const stop = () => runner.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  exitCode = await new Promise<number>((resolve) => runner.on('exit', (code) => resolve(code ?? 1)));
} catch (error) {
  console.error('[test] setup failed:', error instanceof Error ? error.message : error);
} finally {
  await group.stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);

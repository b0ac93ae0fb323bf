// Entry of `npm start` and `npm test` on a fresh machine: installs dependencies when they are missing or stale,
// then hands over to the TypeScript entry (dev/start.ts or dev/test.ts). Plain JavaScript: nothing is installed yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [command = 'start', ...rest] = process.argv.slice(2);
const entries = { start: 'dev/start.ts', test: 'dev/test.ts' };
if (!(command in entries)) {
  console.error(`usage: node dev/bootstrap.mjs ${Object.keys(entries).join('|')} [args]`);
  process.exit(2);
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  console.error('[setup] installing dependencies…');
  const run = (verb) => spawnSync('npm', [verb, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  // npm ci refuses a lock that lacks other platforms' optional packages; npm install then follows the lock.
  let install = existsSync(lock) ? run('ci') : run('install');
  if (install.status !== 0 && existsSync(lock)) install = run('install');
  if (install.status !== 0) {
    console.error('[setup] npm install failed; see the messages above');
    process.exit(install.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entries[command]), ...rest], {
  cwd: root,
  stdio: 'inherit',
});
// Pass Ctrl-C and termination on, so the entry can stop its servers in order.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

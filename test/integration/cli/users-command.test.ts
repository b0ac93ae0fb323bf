import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { verifyPassword } from '../../../client/users/password-hash';
import { findLoginUser } from '../../../client/users/users.repository';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const root = path.resolve(import.meta.dirname, '../../..');
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase('users_cli');
});
after(() => database.drop());

function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'client/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(options.stdin ?? '');
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

it(
  'adds users with the password from stdin or a named variable, lists and disables them',
  { timeout: 120_000 },
  async () => {
    const added = await cli(['users', 'add', 'ana.kim', '--role', 'reviewer', '--password-stdin', '--json'], {
      stdin: '심사역-password-2026\n',
    });
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout), { name: 'ana.kim', role: 'reviewer', created: true });
    const fromEnv = await cli(['users', 'add', 'bo.admin', '--role', 'admin', '--password-env', 'NEW_USER_PASSWORD'], {
      env: { NEW_USER_PASSWORD: 'admin-password-2026' },
    });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);

    const user = await findLoginUser(database.db.kysely, 'ana.kim');
    assert.equal(user?.role, 'reviewer');
    assert.equal(await verifyPassword('심사역-password-2026', user!.password_hash), true);

    const disabled = await cli(['users', 'disable', 'ana.kim', '--json']);
    assert.equal(disabled.code, 0, disabled.stderr);
    const listed = await cli(['users', 'list', '--json']);
    const users = (JSON.parse(listed.stdout) as { users: { name: string; role: string; disabled: boolean }[] }).users;
    assert.deepEqual(
      users.map((u) => [u.name, u.role, u.disabled]),
      [
        ['ana.kim', 'reviewer', true],
        ['bo.admin', 'admin', false],
      ],
    );
    assert.equal(await findLoginUser(database.db.kysely, 'ana.kim'), undefined, 'a disabled user cannot log in');
  },
);

it(
  'refuses a password argument, a short password, a taken name, and no password source without a terminal',
  { timeout: 120_000 },
  async () => {
    const asArgument = await cli(['users', 'add', 'cy.lee', '--role', 'viewer', '--password', 'in-shell-history-2026']);
    assert.notEqual(asArgument.code, 0);
    assert.match(asArgument.stderr, /unknown option '--password'/);
    const short = await cli(['users', 'add', 'cy.lee', '--role', 'viewer', '--password-stdin'], { stdin: 'short\n' });
    assert.notEqual(short.code, 0);
    assert.match(short.stderr, /at least 12 characters/);
    const taken = await cli(['users', 'add', 'bo.admin', '--role', 'viewer', '--password-stdin'], {
      stdin: 'another-password-2026\n',
    });
    assert.notEqual(taken.code, 0);
    assert.match(taken.stderr, /exists already/);
    const noSource = await cli(['users', 'add', 'cy.lee', '--role', 'viewer']);
    assert.notEqual(noSource.code, 0);
    assert.match(noSource.stderr, /no terminal/);
    const badRole = await cli(['users', 'add', 'cy.lee', '--role', 'root', '--password-stdin'], {
      stdin: 'another-password-2026\n',
    });
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.stderr, /Allowed choices are viewer, reviewer, admin/);
  },
);

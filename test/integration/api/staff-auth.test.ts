import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { disableUser } from '../../../client/users/users.repository';
import { startStaffApp, type StaffApp } from '../../support/staff-app';
import { seedUser, TEST_PASSWORD } from '../../support/staff-seed';

const LOGIN_LIMIT = 8;
let app: StaffApp;

before(async () => {
  app = await startStaffApp({ loginRateLimit: { limit: LOGIN_LIMIT, windowMs: 60_000 }, sessionTtlSeconds: 1800 });
  await seedUser(app.database.db.kysely, 'kim.reviewer', 'reviewer');
  await seedUser(app.database.db.kysely, 'lee.gone', 'viewer');
  await disableUser(app.database.db.kysely, 'lee.gone');
});
after(() => app.close());

async function login(username: string, password: string) {
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const me = (token: string) => fetch(`${app.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

it('logs a user in with a token that carries the role and expires with the session', async () => {
  const started = Date.now();
  const { status, body } = await login('kim.reviewer', TEST_PASSWORD);
  assert.equal(status, 200);
  assert.deepEqual(body.user, { name: 'kim.reviewer', role: 'reviewer' });
  const expiresIn = Date.parse(body.expiresAt as string) - started;
  assert.ok(expiresIn > 1790_000 && expiresIn <= 1801_000, `session lifetime ${expiresIn} ms`);
  const response = await me(body.token as string);
  assert.deepEqual(await response.json(), { name: 'kim.reviewer', role: 'reviewer' });
  const user = await app.database.db.kysely
    .selectFrom('users')
    .select('last_login_at')
    .where('name', '=', 'kim.reviewer')
    .executeTakeFirstOrThrow();
  assert.ok(user.last_login_at);
});

it('gives one answer for an unknown user, a wrong password and a disabled user', async () => {
  const answers = await Promise.all([
    login('nobody', TEST_PASSWORD),
    login('kim.reviewer', 'wrong password!'),
    login('lee.gone', TEST_PASSWORD),
  ]);
  for (const a of answers) assert.deepEqual(a, { status: 401, body: { error: 'unknown user or wrong password' } });
  assert.ok(app.logger.entries.some((e) => e.obj.event === 'login_failed' && e.obj.user === 'nobody'));
  assert.ok(!JSON.stringify(app.logger.entries).includes('wrong password!'), 'passwords are never logged');
});

it('revokes the token at logout', async () => {
  const { body } = await login('kim.reviewer', TEST_PASSWORD);
  const token = body.token as string;
  const out = await fetch(`${app.baseUrl}/api/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(out.status, 200);
  const after = await me(token);
  assert.equal(after.status, 401);
  assert.match(((await after.json()) as { error: string }).error, /revoked/);
});

it('stores only a salted scrypt hash of the password', async () => {
  await seedUser(app.database.db.kysely, 'park.twin', 'viewer');
  const rows = await app.database.db.kysely
    .selectFrom('users')
    .select(['name', 'password_hash'])
    .where('name', 'in', ['kim.reviewer', 'park.twin'])
    .execute();
  for (const r of rows) {
    assert.match(r.password_hash, /^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.ok(!r.password_hash.includes(TEST_PASSWORD));
  }
  assert.notEqual(rows[0]?.password_hash, rows[1]?.password_hash, 'same password, different salt');
});

it('rate-limits login attempts', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < LOGIN_LIMIT + 2; i++) statuses.push((await login('kim.reviewer', 'guessing')).status);
  assert.ok(statuses.includes(429), `statuses ${statuses.join(',')}`);
  assert.equal((await login('kim.reviewer', TEST_PASSWORD)).status, 429, 'even the right password waits');
  assert.ok(app.logger.entries.some((e) => e.obj.event === 'login_rate_limited'));
});

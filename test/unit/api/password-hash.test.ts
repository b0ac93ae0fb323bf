import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hashPassword, SCRYPT_DEFAULTS, verifyPassword } from '../../../client/users/password-hash';

const cheap = { N: 2 ** 10 } as const;

it('verifies the right password and refuses a wrong one', async () => {
  const stored = await hashPassword('비밀번호-correct-horse', cheap);
  assert.equal(await verifyPassword('비밀번호-correct-horse', stored), true);
  assert.equal(await verifyPassword('비밀번호-correct-hors', stored), false);
  assert.equal(await verifyPassword('', stored), false);
});

it('salts every hash, and records its cost so it can be raised later', async () => {
  const [a, b] = await Promise.all([hashPassword('same password', cheap), hashPassword('same password', cheap)]);
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$1024\$8\$1\$/);
  const full = await hashPassword('same password');
  assert.ok(full.startsWith(`scrypt$${SCRYPT_DEFAULTS.N}$8$1$`));
  assert.equal(await verifyPassword('same password', full), true);
});

it('treats a malformed or foreign hash as a mismatch, never a crash', async () => {
  for (const stored of ['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$x$8$1$c2FsdA==$a2V5', 'scrypt$1024$8$1$c2FsdA==$']) {
    assert.equal(await verifyPassword('anything', stored), false, stored);
  }
});

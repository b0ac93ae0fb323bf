import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { batchedRevocationCheck, rememberedRevocationCheck } from '../../../client/api/auth/revocation-check';
import { revokeToken } from '../../../client/users/users.repository';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

let database: TestDatabase;
let queries = 0;
/** Counts the statements the check sends (the real database answers them). */
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    queries++;
    return args.node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};

before(async () => {
  database = await createTestDatabase('revocation');
});
after(() => database.drop());

const revoke = (jti: string) =>
  revokeToken(database.db.kysely, { jti, subject: 'kim', expiresAt: new Date(Date.now() + 3_600_000) });

it('answers the checks asked in one turn rightly with one query', async () => {
  await revoke('gone-1');
  await revoke('gone-2');
  const isRevoked = batchedRevocationCheck(database.db.kysely.withPlugin(counter));
  queries = 0;
  const jtis = Array.from({ length: 300 }, (_, i) => (i % 50 === 7 ? `gone-${1 + (i % 2)}` : `live-${i % 20}`));
  const answers = await Promise.all(jtis.map((jti) => isRevoked(jti)));
  assert.deepEqual(
    answers,
    jtis.map((jti) => jti.startsWith('gone-')),
  );
  assert.equal(queries, 1, `300 checks asked in one turn took ${queries} queries`);
});

it('sees a logout at the next check', async () => {
  const isRevoked = batchedRevocationCheck(database.db.kysely);
  assert.equal(await isRevoked('session-9'), false);
  await revoke('session-9');
  assert.equal(await isRevoked('session-9'), true);
  assert.equal(await isRevoked('session-10'), false);
});

it('passes a database failure to every waiting check and recovers afterwards', async () => {
  let fail = true;
  const failing: KyselyPlugin = {
    transformQuery: (args) => {
      if (fail) throw new Error('database unavailable');
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const isRevoked = batchedRevocationCheck(database.db.kysely.withPlugin(failing));
  const results = await Promise.allSettled([isRevoked('a'), isRevoked('b')]);
  assert.ok(results.every((r) => r.status === 'rejected'));
  fail = false;
  assert.equal(await isRevoked('gone-1'), true);
});

it('remembers "not revoked" for maxAgeMs, then asks again and sees a revocation made elsewhere', async () => {
  let now = 1_000_000;
  const check = rememberedRevocationCheck(batchedRevocationCheck(database.db.kysely.withPlugin(counter)), {
    maxAgeMs: 1000,
    clock: () => now,
  });
  queries = 0;
  assert.equal(await check.isRevoked('service-1'), false);
  assert.equal(await check.isRevoked('service-1'), false);
  assert.equal(queries, 1, 'the second check within maxAgeMs is answered from memory');
  await revoke('service-1');
  now += 999;
  assert.equal(await check.isRevoked('service-1'), false);
  now += 1;
  assert.equal(await check.isRevoked('service-1'), true);
  now += 60_000;
  assert.equal(await check.isRevoked('service-1'), true);
  assert.equal(queries, 2, 'a revoked token is remembered for good');
});

it("refuses this process's own logout at once, and asks every time with maxAgeMs 0", async () => {
  const check = rememberedRevocationCheck(batchedRevocationCheck(database.db.kysely), { maxAgeMs: 60_000 });
  assert.equal(await check.isRevoked('session-20'), false);
  check.revoked('session-20');
  assert.equal(await check.isRevoked('session-20'), true);
  const strict = rememberedRevocationCheck(batchedRevocationCheck(database.db.kysely), { maxAgeMs: 0 });
  assert.equal(await strict.isRevoked('session-21'), false);
  await revoke('session-21');
  assert.equal(await strict.isRevoked('session-21'), true);
});

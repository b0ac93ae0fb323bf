import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { batchedRevocationCheck } from '../../../client/api/auth/revocation-check';
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

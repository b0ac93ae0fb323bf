import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createTokenService, InvalidTokenError, type TokenService } from '../../../client/api/auth/token-service';
import { withVerifiedTokenCache } from '../../../client/api/auth/verified-tokens';

const secret = 'unit-test-secret-of-at-least-32-bytes!';

/** The real token service, counting how often it really verifies. */
function counting(tokens: TokenService): { tokens: TokenService; calls: () => number } {
  let calls = 0;
  return {
    tokens: {
      ...tokens,
      verify: (token) => {
        calls++;
        return tokens.verify(token);
      },
    },
    calls: () => calls,
  };
}

it('verifies a token once and answers its repeats from memory with the same principal', async () => {
  const real = createTokenService({ secret });
  const { tokens, calls } = counting(real);
  const cached = withVerifiedTokenCache(tokens);
  const { token } = await real.issue({ sub: 'upstream', role: 'service' });
  const first = await cached.verify(token);
  const again = await cached.verify(token);
  assert.equal(calls(), 1);
  assert.deepEqual(again, first);
  assert.equal(first.sub, 'upstream');
  assert.equal(first.role, 'service');
});

it('stops accepting a remembered token once it has expired', async () => {
  let now = Date.parse('2026-11-20T01:00:00Z');
  const real = createTokenService({ secret, clock: () => new Date(now) });
  const cached = withVerifiedTokenCache(real, { clock: () => now });
  const { token } = await real.issue({ sub: 'upstream', role: 'service' }, 60);
  await cached.verify(token);
  now += 61_000;
  await assert.rejects(cached.verify(token), InvalidTokenError);
});

it('never remembers a failure and keeps a forged token out after the genuine one was seen', async () => {
  const real = createTokenService({ secret });
  const { tokens, calls } = counting(real);
  const cached = withVerifiedTokenCache(tokens);
  const { token } = await real.issue({ sub: 'upstream', role: 'service' });
  await cached.verify(token);
  const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  await assert.rejects(cached.verify(forged), InvalidTokenError);
  await assert.rejects(cached.verify(forged), InvalidTokenError);
  assert.equal(calls(), 3);
});

it('holds at most maxTokens, dropping the oldest', async () => {
  const real = createTokenService({ secret });
  const { tokens, calls } = counting(real);
  const cached = withVerifiedTokenCache(tokens, { maxTokens: 2 });
  const issued = await Promise.all(['a', 'b', 'c'].map((sub) => real.issue({ sub, role: 'viewer' })));
  for (const { token } of issued) await cached.verify(token);
  await cached.verify(issued[2]!.token);
  await cached.verify(issued[1]!.token);
  assert.equal(calls(), 3);
  await cached.verify(issued[0]!.token);
  assert.equal(calls(), 4);
});

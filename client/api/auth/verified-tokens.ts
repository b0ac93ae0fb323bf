import type { TokenService } from './token-service';

type Verified = Awaited<ReturnType<TokenService['verify']>>;

/**
 * Remembers each token's successful verification until the token expires: an upstream system sends the same
 * token with hundreds of requests a second, and an HMAC check per request was a measurable share of real-time
 * intake's CPU. A token is immutable, so its signature, issuer and claims verified once stay verified; only expiry
 * changes with time, and it is checked on every use. Failures are not remembered (they are answered 401 anyway).
 * Revocation is a separate check per request (see batchedRevocationCheck).
 */
export function withVerifiedTokenCache(
  tokens: TokenService,
  options: { maxTokens?: number; clock?: () => number } = {},
): TokenService {
  const maxTokens = options.maxTokens ?? 10_000;
  const clock = options.clock ?? (() => Date.now());
  const verified = new Map<string, Verified>();
  return {
    ...tokens,
    async verify(token: string): Promise<Verified> {
      const known = verified.get(token);
      if (known && known.expiresAt.getTime() > clock()) return known;
      if (known) verified.delete(token);
      const principal = await tokens.verify(token);
      // Oldest first out when full: memory stays bounded however many tokens are presented.
      if (verified.size >= maxTokens) verified.delete(verified.keys().next().value!);
      verified.set(token, principal);
      return principal;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, type Principal, type Role } from './roles';

export interface TokenServiceOptions {
  /** HS256 key material, at least 32 bytes; from the environment, never committed. */
  secret: string;
  issuer?: string;
  /** Lifetime of a token when the caller does not say. */
  defaultTtlSeconds?: number;
  clock?: () => Date;
}

export const TOKEN_DEFAULTS = { issuer: 'swap-reporting', defaultTtlSeconds: 8 * 3600 } as const;

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

export interface IssuedToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

/** Signs and verifies the API's JWT bearer tokens (HS256, with issuer, expiry, subject, role and a token id). */
export function createTokenService(options: TokenServiceOptions) {
  const { issuer, defaultTtlSeconds } = { ...TOKEN_DEFAULTS, ...options };
  if (Buffer.byteLength(options.secret) < 32) throw new Error('the JWT secret must be at least 32 bytes');
  const key = new TextEncoder().encode(options.secret);
  const clock = options.clock ?? (() => new Date());

  return {
    async issue(subject: { sub: string; role: Role }, ttlSeconds = defaultTtlSeconds): Promise<IssuedToken> {
      const now = Math.floor(clock().getTime() / 1000);
      const jti = randomUUID();
      const token = await new SignJWT({ role: subject.role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(subject.sub)
        .setIssuer(issuer)
        .setJti(jti)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(key);
      return { token, jti, expiresAt: new Date((now + ttlSeconds) * 1000) };
    },

    /** The token's principal; InvalidTokenError (never a library error) when it is bad, expired or foreign. */
    async verify(token: string): Promise<Principal & { expiresAt: Date }> {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer,
          algorithms: ['HS256'],
          currentDate: clock(),
        });
        if (!payload.sub || !payload.jti || !isRole(payload.role) || payload.exp === undefined) {
          throw new InvalidTokenError('token lacks subject, id, expiry or a known role');
        }
        return { sub: payload.sub, role: payload.role, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
        throw new InvalidTokenError('invalid token');
      }
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;

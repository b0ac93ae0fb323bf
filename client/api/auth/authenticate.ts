import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { roleSatisfies, type Principal, type Role } from './roles';
import { InvalidTokenError, type TokenService } from './token-service';

export interface AuthenticateOptions {
  tokens: TokenService;
  /** Revoked token ids (logout); absent = nothing is revoked. */
  isRevoked?: (jti: string) => Promise<boolean>;
}

/** The request's principal, set by `authenticate`. */
export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/**
 * Reads `Authorization: Bearer <jwt>` and sets the principal; a missing token passes through (requireRole
 * answers 401), a bad one is answered 401 at once. Tokens travel only in the header, never in a cookie, so a
 * cross-site request cannot carry one (CSRF-safe by construction).
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      res.status(401).json({ error: 'expected "Authorization: Bearer <token>"' });
      return;
    }
    options.tokens
      .verify(match[1])
      .then(async (principal) => {
        if (options.isRevoked && (await options.isRevoked(principal.jti))) {
          throw new InvalidTokenError('token revoked');
        }
        res.locals.principal = principal;
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof InvalidTokenError) {
          res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
          res.status(401).json({ error: error.message });
        } else next(error);
      });
  };
}

/** 401 without a principal, 403 when its role is below every one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer');
      res.status(401).json({ error: 'authentication required' });
      return;
    }
    if (!roles.some((role) => roleSatisfies(principal.role, role))) {
      res.status(403).json({ error: `role ${principal.role} may not do this; needs ${roles.join(' or ')}` });
      return;
    }
    next();
  };
}

import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { dummyHash, verifyPassword } from '../../users/password-hash';
import { findLoginUser, revokeToken, touchLogin } from '../../users/users.repository';
import { principalOf, requireRole } from '../auth/authenticate';
import type { StaffDeps } from './staff-deps';
import { parseInput } from './validate';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
export function authRouter(deps: StaffDeps): express.Router {
  const router = express.Router();
  const limiter = rateLimit({
    windowMs: deps.options.loginRateLimit.windowMs,
    limit: deps.options.loginRateLimit.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      deps.logger.warn({ event: 'login_rate_limited', ip: req.ip }, 'login rate limit reached');
      res.status(429).json({ error: 'too many login attempts; try again later' });
    },
  });
  // Unknown users are checked against a dummy hash, so timing does not tell which names exist.
  const dummy = dummyHash();

  router.post('/login', limiter, async (req, res) => {
    const body = parseInput(loginBody, 'body', req, res, deps.logger);
    if (!body) return;
    const user = await findLoginUser(deps.db.kysely, body.username);
    const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummy));
    if (!user || !ok) {
      deps.logger.warn({ event: 'login_failed', user: body.username.slice(0, 64), ip: req.ip }, 'login failed');
      res.status(401).json({ error: 'unknown user or wrong password' });
      return;
    }
    const issued = await deps.tokens.issue({ sub: user.name, role: user.role }, deps.options.sessionTtlSeconds);
    await touchLogin(deps.db.kysely, user.name, deps.options.clock());
    deps.logger.info({ event: 'login', user: user.name, role: user.role }, 'login');
    res.set('Cache-Control', 'no-store');
    res.json({
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      user: { name: user.name, role: user.role },
    });
  });

  router.post('/logout', requireRole('viewer'), async (req, res) => {
    const principal = principalOf(res)!;
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const { expiresAt } = await deps.tokens.verify(token);
    await revokeToken(deps.db.kysely, { jti: principal.jti, subject: principal.sub, expiresAt });
    deps.onLogout?.(principal.jti);
    deps.logger.info({ event: 'logout', user: principal.sub }, 'logout');
    res.json({ loggedOut: true });
  });

  router.get('/me', requireRole('viewer'), (_req, res) => {
    const principal = principalOf(res)!;
    res.json({ name: principal.sub, role: principal.role });
  });
  return router;
}

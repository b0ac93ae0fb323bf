import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../activities/db/connection';
import type { Logger } from '../../activities/logging/logger';
import { sql } from 'kysely';
import { authenticate } from './auth/authenticate';
import type { TokenService } from './auth/token-service';
import { batchedRevocationCheck, rememberedRevocationCheck } from './auth/revocation-check';
import { withVerifiedTokenCache } from './auth/verified-tokens';
import { securityHeaders } from './staff/security-headers';
import { STAFF_DEFAULTS, type StaffOptions } from './staff/staff-deps';
import { mountStaff } from './staff/staff-routes';
import type { IntakeDeps } from './intake/intake-service';
import { createIntakeRouter, intakeBodyParser, type IntakeRouteOptions } from './intake/trades.route';
import { openApiDocument } from './openapi/openapi-document';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  logger: Logger;
  tokens: TokenService;
  /** How long "not revoked" is remembered per token (API_REVOCATION_CACHE_MS); default 1 s. */
  revocationCacheMs?: number;
  /** Staff API and web UI settings (Temporal UI links, session lifetime, login rate limit, reports). */
  staff?: Partial<StaffOptions>;
  /** Real-time intake (`POST /api/trades`); absent = not served by this process. */
  intake?: { deps: IntakeDeps; options: IntakeRouteOptions };
  /** Times every request for Prometheus (client/api/metrics); absent = no metrics. */
  metrics?: RequestHandler;
}

/** The HTTP API ("TainWeb"): health, the real-time intake, the staff API and the web UI. */
export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.metrics) app.use(deps.metrics);
  app.use(securityHeaders());
  app.use('/api/trades', intakeBodyParser());
  app.use(express.json({ limit: '1mb' }));
  // Every route below sees the request's principal when a valid bearer token came with it (and not logged out).
  // Verified tokens remembered until expiry, revocation checks batched: per-request auth cost stays small under load.
  const revocations = rememberedRevocationCheck(batchedRevocationCheck(deps.db.kysely), {
    maxAgeMs: deps.revocationCacheMs ?? 1000,
  });
  app.use(authenticate({ tokens: withVerifiedTokenCache(deps.tokens), isRevoked: revocations.isRevoked }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Ready when both the database and Temporal answer.
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    await sql`select 1`
      .execute(deps.db.kysely)
      .then(() => (checks.database = 'ok'))
      .catch((e: unknown) => (checks.database = e instanceof Error ? e.message : 'failed'));
    await deps.temporal.connection.workflowService
      .getSystemInfo({})
      .then(() => (checks.temporal = 'ok'))
      .catch((e: unknown) => (checks.temporal = e instanceof Error ? e.message : 'failed'));
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  // The intake before the staff routes: an upstream system's requests skip the staff routers' matching.
  if (deps.intake) app.use('/api', createIntakeRouter(deps.intake.deps, deps.intake.options));
  mountStaff(app, { ...deps, onLogout: revocations.revoked, options: { ...STAFF_DEFAULTS, ...deps.staff } });
  const openApi = openApiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    // A body express.json could not parse is the client's mistake: 400 naming the body, never a stack trace.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res
        .status(status)
        .json({ error: status === 413 ? 'request body too large' : 'malformed request body', field: 'body' });
      return;
    }
    deps.logger.error({ err: error }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}

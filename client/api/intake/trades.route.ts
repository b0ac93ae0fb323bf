import express, { type Request, type Response, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { makeTradeBatchSchema } from '../../../schemas/trade/trade.zod';
import { principalOf, requireRole } from '../auth/authenticate';
import { submitTrades, type IntakeDeps } from './intake-service';
import { groupIssues } from './validation-errors';

export interface IntakeRouteOptions {
  /** Requests per minute per token subject. */
  rateLimitPerMinute: number;
  clock?: () => number;
}

/** Largest `POST /api/trades` body: 1,000 trades of ~1 kB each, with room for long Korean free text. */
export const INTAKE_BODY_LIMIT = '2mb';

/**
 * Parses `/api/trades` bodies up to INTAKE_BODY_LIMIT; mounted before the app's general (smaller) JSON parser,
 * which then leaves the parsed body alone.
 */
export function intakeBodyParser(): express.RequestHandler {
  return express.json({ limit: INTAKE_BODY_LIMIT });
}

/**
 * `POST /api/trades`: one trade or up to 1,000, for upstream systems (`service` role). Every item is validated
 * before anything is stored: one invalid item answers 400 with every reason of every invalid item, and nothing
 * is stored. Otherwise each item is answered with its decision, score, rule hits and explanation.
 */
export function createIntakeRouter(deps: IntakeDeps, options: IntakeRouteOptions): Router {
  const router = express.Router();
  const schema = makeTradeBatchSchema(options.clock ?? (() => Date.now()));
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // After requireRole, so every request here has a principal: limit per upstream system, not per address.
    keyGenerator: (_req, res) => `sub:${principalOf(res)?.sub ?? 'anonymous'}`,
    handler: (_req, res) => {
      res.status(429).json({ error: 'too many requests', retryAfterSeconds: 60 });
    },
  });

  router.post('/trades', requireRole('service'), limiter, async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (body === undefined || !req.is('application/json')) {
      res.status(415).json({ error: 'expected an application/json body: one trade object or an array of them' });
      return;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const { items, body: problems } = groupIssues(parsed.error, Array.isArray(body));
      res.status(400).json({ error: 'invalid trades: nothing was stored', problems, items });
      return;
    }
    const records = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    const result = await submitTrades(deps, records);
    res.status(200).json(result);
  });
  return router;
}

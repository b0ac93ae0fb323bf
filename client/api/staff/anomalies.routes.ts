import express from 'express';
import { z } from 'zod';
import { anomalyWorkflowId } from '../../../schemas/workflow-ids';
import { principalOf, requireRole } from '../auth/authenticate';
import { anomalyDetail } from './anomaly-detail';
import { anomalyListQuery, listAnomalies } from './anomaly-list';
import { reviewAnomaly } from './review-anomaly';
import type { StaffDeps } from './staff-deps';
import { runLink } from './temporal-info';
import { eventKey, parseInput } from './validate';

const keyParams = z.object({ eventKey });
const reviewBody = z
  .object({
    decision: z.enum(['confirm', 'dismiss']),
    comment: z.string().trim().min(1, 'a comment is required').max(4000),
    reviewId: z.uuid().optional(),
  })
  .strict();

/** GET /api/anomalies, GET /api/anomalies/:eventKey, POST /api/anomalies/:eventKey/review (reviewer+). */
export function anomaliesRouter(deps: StaffDeps): express.Router {
  const router = express.Router();

  router.get('/', requireRole('viewer'), async (req, res) => {
    const q = parseInput(anomalyListQuery, 'query', req, res, deps.logger);
    if (!q) return;
    const { rows, total } = await listAnomalies(deps.db.kysely, q);
    res.json({
      page: q.page,
      pageSize: q.pageSize,
      total,
      items: rows.map((r) => ({ ...r, workflowLink: runLink(deps.options, r.workflow_id) })),
    });
  });

  router.get('/:eventKey', requireRole('viewer'), async (req, res) => {
    const params = parseInput(keyParams, 'params', req, res, deps.logger);
    if (!params) return;
    const detail = await anomalyDetail(deps.db.kysely, deps.temporal, deps.options, params.eventKey);
    if (!detail) {
      res.status(404).json({ error: 'no such anomaly' });
      return;
    }
    res.json(detail);
  });

  router.post('/:eventKey/review', requireRole('reviewer'), async (req, res) => {
    const params = parseInput(keyParams, 'params', req, res, deps.logger);
    const body = params && parseInput(reviewBody, 'body', req, res, deps.logger);
    if (!params || !body) return;
    const exists = await deps.db.kysely
      .selectFrom('anomalies')
      .select('event_key')
      .where('event_key', '=', params.eventKey)
      .executeTakeFirst();
    if (!exists) {
      res.status(404).json({ error: 'no such anomaly' });
      return;
    }
    const result = await reviewAnomaly(deps.db.kysely, deps.temporal, deps.logger, {
      eventKey: params.eventKey,
      workflowId: anomalyWorkflowId(params.eventKey),
      decision: body.decision,
      comment: body.comment,
      reviewer: principalOf(res)!.sub,
      reviewId: body.reviewId,
    });
    res.json(result);
  });
  return router;
}

import express from 'express';
import { z } from 'zod';
import { findModelVersion, modelEvents, promoteModelVersion } from '../../../activities/models/registry/model-registry';
import { principalOf, requireRole } from '../auth/authenticate';
import type { StaffDeps } from './staff-deps';
import { runLink } from './temporal-info';
import { parseInput } from './validate';

const versionParams = z.object({
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:+-]{0,99}$/, 'expected a model version'),
});
const changeBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(1000) }).strict();

/** GET /api/models; POST /api/models/:version/promote and /rollback (admin). */
export function modelsRouter(deps: StaffDeps): express.Router {
  const router = express.Router();
  const db = deps.db.kysely;

  router.get('/', requireRole('viewer'), async (_req, res) => {
    const [versions, events] = await Promise.all([
      db
        .selectFrom('model_versions')
        .select([
          'version',
          'training_week',
          'training_from',
          'training_to',
          'sample_size',
          'holdout_size',
          'metrics',
          'drift',
          'status',
          'promotion_reason',
          'onnx_sha256',
          'workflow_id',
          'created_at',
          'promoted_at',
        ])
        .orderBy('created_at', 'desc')
        .execute(),
      modelEvents(db),
    ]);
    res.json({
      versions: versions.map((v) => ({ ...v, workflowLink: runLink(deps.options, v.workflow_id) })),
      // Champion history: every promotion, roll-back, retirement and kept champion, newest first.
      events: events.reverse(),
    });
  });

  for (const [action, event] of [
    ['promote', 'promoted'],
    ['rollback', 'rolled_back'],
  ] as const) {
    router.post(`/:version/${action}`, requireRole('admin'), async (req, res) => {
      const params = parseInput(versionParams, 'params', req, res, deps.logger);
      const body = params && parseInput(changeBody, 'body', req, res, deps.logger);
      if (!params || !body) return;
      if (!(await findModelVersion(db, params.version))) {
        res.status(404).json({ error: 'no such model version' });
        return;
      }
      const actor = principalOf(res)!.sub;
      const result = await promoteModelVersion(db, {
        version: params.version,
        reason: body.reason,
        actor,
        event,
        at: deps.options.clock(),
      });
      deps.logger.info({ event: `model_${action}`, version: params.version, by: actor, ...result }, `model ${action}`);
      res.json({ version: params.version, ...result });
    });
  }
  return router;
}

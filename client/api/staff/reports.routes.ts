import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import { principalOf, requireRole } from '../auth/authenticate';
import { REPORT_FORMATS, tableReportsSource } from './reports-source';
import type { StaffDeps } from './staff-deps';
import { runLink } from './temporal-info';
import { page, pageSize, parseInput } from './validate';

const listQuery = z.object({ page, pageSize }).strict();
const reportId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/, 'expected a report id');
const downloadParams = z.object({ id: reportId, format: z.enum(REPORT_FORMATS) });

/** GET /api/reports, GET /api/reports/:id/:format (xlsx | machine), POST /api/reports/:id/resubmit (admin). */
export function reportsRouter(deps: StaffDeps): express.Router {
  const router = express.Router();
  const source = deps.options.reports ?? tableReportsSource(deps.db.kysely);

  router.get('/', requireRole('viewer'), async (req, res) => {
    const q = parseInput(listQuery, 'query', req, res, deps.logger);
    if (!q) return;
    const list = await source.list(q);
    res.json({
      ...list,
      page: q.page,
      pageSize: q.pageSize,
      canResubmit: Boolean(source.resubmit),
      items: list.items.map((r) => ({ ...r, workflowLink: r.workflowId ? runLink(deps.options, r.workflowId) : null })),
    });
  });

  // The id is looked up in the database; the stored path is served only when it resolves inside the reports folder.
  router.get('/:id/:format', requireRole('viewer'), async (req, res) => {
    const params = parseInput(downloadParams, 'params', req, res, deps.logger);
    if (!params) return;
    const file = await source.file(params.id, params.format);
    const root = deps.options.reportsDir ? path.resolve(deps.options.reportsDir) : undefined;
    const resolved = file && path.resolve(file.path);
    if (!file || !resolved || !root || !resolved.startsWith(root + path.sep)) {
      if (file)
        deps.logger.warn(
          { event: 'report_path_refused', id: params.id, path: file.path },
          'report file outside the reports folder',
        );
      res.status(404).json({ error: 'no such report file' });
      return;
    }
    const info = await stat(resolved).catch(() => undefined);
    if (!info?.isFile()) {
      res.status(404).json({ error: 'report file missing' });
      return;
    }
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(info.size),
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'X-Checksum-SHA256': file.sha256,
      'Cache-Control': 'no-store',
    });
    createReadStream(resolved).pipe(res);
  });

  router.post('/:id/resubmit', requireRole('admin'), async (req, res) => {
    const params = parseInput(z.object({ id: reportId }), 'params', req, res, deps.logger);
    if (!params) return;
    if (!source.resubmit) {
      res.status(501).json({ error: 'resubmission is not available in this build' });
      return;
    }
    const actor = principalOf(res)!.sub;
    const run = await source.resubmit(params.id, actor);
    deps.logger.info(
      { event: 'report_resubmit', id: params.id, by: actor, workflowId: run.workflowId },
      'report resubmitted',
    );
    res.json({ ...run, link: runLink(deps.options, run.workflowId, run.runId) });
  });
  return router;
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import { principalOf, requireRole } from '../auth/authenticate';
import { temporalResubmit } from './report-resubmit';
import { REPORT_KIND_FILTERS, REPORT_STATUSES } from './reports-queries';
import { REPORT_FORMATS, ResubmitRefused, tableReportsSource } from './reports-source';
import type { StaffDeps } from './staff-deps';
import { runLink } from './temporal-info';
import { isoDate, page, pageSize, parseInput } from './validate';

const listQuery = z
  .object({
    page,
    pageSize,
    kind: z.enum(REPORT_KIND_FILTERS).optional(),
    status: z.enum(REPORT_STATUSES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();
const reportId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/, 'expected a report id');
const downloadParams = z.object({ id: reportId, format: z.enum(REPORT_FORMATS) });
const resubmitBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();

/**
 * GET /api/reports (paged; kind, status, from, to), GET /api/reports/:id (submissions and events),
 * GET /api/reports/:id/:format (xlsx | machine), POST /api/reports/:id/resubmit (admin).
 */
export function reportsRouter(deps: StaffDeps): express.Router {
  const router = express.Router();
  const source =
    deps.options.reports ?? tableReportsSource(deps.db.kysely, temporalResubmit(deps.db.kysely, deps.temporal));

  router.get('/', requireRole('viewer'), async (req, res) => {
    const q = parseInput(listQuery, 'query', req, res, deps.logger);
    if (!q) return;
    const list = await source.list(q);
    res.json({
      ...list,
      page: q.page,
      pageSize: q.pageSize,
      canResubmit: Boolean(source.resubmit),
      items: list.items.map((r) => ({ ...r, workflowLink: runLink(deps.options, r.workflowId) })),
    });
  });

  router.get('/:id', requireRole('viewer'), async (req, res) => {
    const params = parseInput(z.object({ id: reportId }), 'params', req, res, deps.logger);
    if (!params) return;
    const report = await source.detail(params.id);
    if (!report) {
      res.status(404).json({ error: 'no such report' });
      return;
    }
    res.json({
      ...report,
      workflowLink: runLink(deps.options, report.workflowId),
      canResubmit: Boolean(source.resubmit),
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
    const body = params && parseInput(resubmitBody, 'body', req, res, deps.logger);
    if (!params || !body) return;
    if (!source.resubmit) {
      res.status(501).json({ error: 'resubmission is not available in this build' });
      return;
    }
    const actor = principalOf(res)!.sub;
    let run: { workflowId: string; runId?: string };
    try {
      run = await source.resubmit(params.id, actor, body.reason);
    } catch (error) {
      if (!(error instanceof ResubmitRefused)) throw error;
      res.status(error.status).json({ error: error.message });
      return;
    }
    deps.logger.info(
      { event: 'report_resubmit', id: params.id, by: actor, workflowId: run.workflowId },
      'report resubmitted',
    );
    res.json({ ...run, link: runLink(deps.options, run.workflowId, run.runId) });
  });
  return router;
}

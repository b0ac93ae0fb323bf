import { createHash } from 'node:crypto';
import express from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate';
import { rejectedRowsCsv } from './rejected-rows-csv';
import type { StaffDeps } from './staff-deps';
import { runLink } from './temporal-info';
import { page, pageSize, parseInput } from './validate';

const listQuery = z.object({ page, pageSize }).strict();
const fileParams = z.object({
  fileId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
/** A CSV download holds at most this many rows, so one request cannot pull an unbounded file into memory. */
const MAX_CSV_ROWS = 200_000;

/** GET /api/files, GET /api/files/:fileId/rejected, GET /api/files/:fileId/rejected.csv. */
export function filesRouter(deps: StaffDeps): express.Router {
  const router = express.Router();
  const db = deps.db.kysely;

  router.get('/', requireRole('viewer'), async (req, res) => {
    const q = parseInput(listQuery, 'query', req, res, deps.logger);
    if (!q) return;
    const [rows, count] = await Promise.all([
      db
        .selectFrom('ingested_files')
        .select([
          'id',
          'sha256',
          'original_name',
          'status',
          'file_error',
          'encoding',
          'rows_read',
          'rows_loaded',
          'rows_rejected',
          'rows_duplicate',
          'created_at',
          'completed_at',
          'workflow_id',
        ])
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom('ingested_files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    res.json({
      page: q.page,
      pageSize: q.pageSize,
      total: Number(count.n),
      items: rows.map((r) => ({ ...r, workflowLink: runLink(deps.options, r.workflow_id) })),
    });
  });

  router.get('/:fileId/rejected', requireRole('viewer'), async (req, res) => {
    const params = parseInput(fileParams, 'params', req, res, deps.logger);
    const q = params && parseInput(listQuery, 'query', req, res, deps.logger);
    if (!params || !q) return;
    const file = await db
      .selectFrom('ingested_files')
      .select(['id', 'original_name', 'rows_rejected'])
      .where('id', '=', params.fileId)
      .executeTakeFirst();
    if (!file) {
      res.status(404).json({ error: 'no such file' });
      return;
    }
    const items = await db
      .selectFrom('rejected_rows')
      .select(['line_no', 'reasons', 'raw'])
      .where('file_id', '=', params.fileId)
      .orderBy('line_no')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    res.json({ file, page: q.page, pageSize: q.pageSize, total: file.rows_rejected, items });
  });

  // The file is named by its database id only; nothing from the client becomes a path.
  router.get('/:fileId/rejected.csv', requireRole('viewer'), async (req, res) => {
    const params = parseInput(fileParams, 'params', req, res, deps.logger);
    if (!params) return;
    const file = await db
      .selectFrom('ingested_files')
      .select(['id', 'sha256'])
      .where('id', '=', params.fileId)
      .executeTakeFirst();
    if (!file) {
      res.status(404).json({ error: 'no such file' });
      return;
    }
    const rows = await db
      .selectFrom('rejected_rows')
      .select(['line_no', 'reasons', 'raw'])
      .where('file_id', '=', file.id)
      .orderBy('line_no')
      .limit(MAX_CSV_ROWS)
      .execute();
    const body = Buffer.from(rejectedRowsCsv(rows), 'utf8');
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="rejected-${file.id}-${file.sha256.slice(0, 12)}.csv"`,
      'X-Checksum-SHA256': createHash('sha256').update(body).digest('hex'),
      'Cache-Control': 'no-store',
    });
    res.send(body);
  });
  return router;
}

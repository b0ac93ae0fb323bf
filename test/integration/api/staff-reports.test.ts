import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { startBuilding } from '../../../activities/report-data/report-repository';
import { seedReports } from '../../support/report-seed';
import { startStaffApp, type StaffApp } from '../../support/staff-app';
import { seedAnomaly } from '../../support/staff-seed';
import { scratchDir } from '../../support/temporal-env';

const reportsDir = path.join(scratchDir('staff-reports'), 'reports');
let app: StaffApp;
let report: Awaited<ReturnType<typeof seedReports>>;
const BUILDING = 'ktfc-daily-2026-11-23';

before(async () => {
  app = await startStaffApp({ reportsDir });
  const db = app.database.db.kysely;
  await seedAnomaly(db, 1, { businessDate: '2026-11-19' });
  await seedAnomaly(db, 2, { businessDate: '2026-11-20' });
  report = await seedReports(app.database.db, reportsDir);
  await startBuilding(db, {
    reportId: BUILDING,
    kind: 'daily',
    businessDate: '2026-11-23',
    period: null,
    periodStart: new Date('2026-11-19T20:00:00Z'),
    periodEnd: new Date('2026-11-22T20:00:00Z'),
    machineFormat: 'csv',
    workflowId: BUILDING,
  });
});
after(() => app?.close());

async function call(role: 'viewer' | 'reviewer' | 'admin', urlPath: string, init: RequestInit = {}) {
  const response = await fetch(app.baseUrl + urlPath, {
    ...init,
    headers: { authorization: `Bearer ${await app.tokenFor(role)}`, 'content-type': 'application/json' },
  });
  return response;
}
interface Listed {
  total: number;
  canResubmit: boolean;
  items: { id: string; kind: string; status: string; ackStatus: string; ackReason: string | null }[];
}
const list = async (query = '') => (await (await call('viewer', `/api/reports${query}`)).json()) as Listed;

it('lists the real reports newest first with their status and the gateway answer', async () => {
  const all = await list();
  assert.equal(all.total, 5);
  assert.equal(all.canResubmit, true);
  assert.deepEqual(
    all.items.map((r) => [r.id, r.kind, r.status, r.ackStatus, r.ackReason]),
    [
      ['cumulative-2026-Q4', 'quarterly', 'archived', 'not_sent', null],
      [BUILDING, 'daily', 'building', 'not_sent', null],
      [report.id, 'daily', 'acknowledged', 'accepted', null],
      [report.rejectedId, 'daily', 'not_reported', 'rejected', 'E102 필수 항목 누락'],
      [report.outsideId, 'daily', 'archived', 'not_sent', null],
    ],
  );
  const paged = await list('?pageSize=2&page=2');
  assert.deepEqual(
    paged.items.map((r) => r.id),
    [report.id, report.rejectedId],
  );
});

it('filters by kind, status and report date', async () => {
  const ids = async (query: string) => (await list(query)).items.map((r) => r.id);
  assert.deepEqual(await ids('?kind=cumulative'), ['cumulative-2026-Q4']);
  assert.deepEqual(await ids('?kind=quarterly'), ['cumulative-2026-Q4']);
  assert.deepEqual(await ids('?kind=correction'), []);
  assert.deepEqual(await ids('?status=not_reported'), [report.rejectedId]);
  assert.deepEqual(await ids('?kind=daily&from=2026-11-19&to=2026-11-20'), [report.id, report.rejectedId]);
  assert.deepEqual(await ids('?from=2026-12-31'), ['cumulative-2026-Q4']);
  assert.equal((await call('viewer', '/api/reports?status=sent')).status, 400);
});

it('shows a report with its files, submissions and events', async () => {
  const response = await call('viewer', `/api/reports/${report.rejectedId}`);
  assert.equal(response.status, 200);
  const detail = (await response.json()) as {
    files: { format: string; sha256: string }[];
    submissions: { submissionNo: number; transport: string; status: string; reason: string }[];
    events: { event: string }[];
    workflowLink: string;
  };
  assert.deepEqual(
    detail.files.map((f) => f.format),
    ['xlsx', 'machine'],
  );
  assert.deepEqual(
    detail.submissions.map((s) => [s.submissionNo, s.transport, s.status, s.reason]),
    [[1, 'dir', 'rejected', 'E102 필수 항목 누락']],
  );
  assert.deepEqual(
    detail.events.map((e) => e.event),
    ['archived', 'transmitted', 'rejected'],
  );
  assert.equal(detail.workflowLink, `http://temporal-ui.test/namespaces/default/workflows/${report.rejectedId}`);
  assert.equal((await call('viewer', '/api/reports/ktfc-daily-1999-01-01')).status, 404);
});

it('serves the xlsx the report code archived, with its SHA-256; a report still building has no files', async () => {
  const response = await call('viewer', `/api/reports/${report.id}/xlsx`);
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), report.xlsxSha256);
  assert.equal(response.headers.get('x-checksum-sha256'), report.xlsxSha256);
  assert.match(response.headers.get('content-disposition') ?? '', new RegExp(`${report.id}\\.xlsx`));
  assert.equal((await call('viewer', `/api/reports/${BUILDING}/machine`)).status, 404);
  assert.equal((await call('viewer', `/api/reports/${report.outsideId}/xlsx`)).status, 404, 'outside the archive');
});

it('resubmits only a rejected report whose workflow still runs, for admins only', async () => {
  const post = (role: 'reviewer' | 'admin', id: string) =>
    call(role, `/api/reports/${id}/resubmit`, { method: 'POST', body: JSON.stringify({ reason: 'fixed' }) });
  assert.equal((await post('reviewer', report.rejectedId)).status, 403);
  const acknowledged = await post('admin', report.id);
  assert.equal(acknowledged.status, 409);
  assert.match(((await acknowledged.json()) as { error: string }).error, /it is acknowledged/);
  // The seeded report was never run by a workflow: nothing to signal.
  const orphan = await post('admin', report.rejectedId);
  assert.equal(orphan.status, 409);
  assert.match(((await orphan.json()) as { error: string }).error, /no longer running/);
  assert.equal((await post('admin', 'ktfc-daily-1999-01-01')).status, 404);
  const events = await app.database.db.kysely
    .selectFrom('report_events')
    .select('event')
    .where('event', '=', 'resubmit_requested')
    .execute();
  assert.deepEqual(events, [], 'a refused resubmission leaves no trace of a request');
});

it('publishes the report paths in the OpenAPI document', async () => {
  const doc = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
  };
  for (const p of ['/api/reports', '/api/reports/{id}', '/api/reports/{id}/{format}', '/api/reports/{id}/resubmit'])
    assert.ok(doc.paths[p], p);
  assert.deepEqual(
    doc.paths['/api/reports']?.get?.parameters?.map((x) => x.name),
    ['page', 'pageSize', 'kind', 'status', 'from', 'to'],
  );
});

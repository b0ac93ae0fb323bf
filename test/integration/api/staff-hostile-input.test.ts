import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { startStaffApp, type StaffApp } from '../../support/staff-app';
import { seedAnomaly, seedFileWithRejections } from '../../support/staff-seed';
import { seedReports } from '../../support/report-seed';
import { scratchDir } from '../../support/temporal-env';

const reportsDir = path.join(scratchDir('staff-hostile'), 'reports');
let app: StaffApp;
let token: string;
let fileId: number;
let report: Awaited<ReturnType<typeof seedReports>>;

before(async () => {
  app = await startStaffApp({ reportsDir });
  const db = app.database.db.kysely;
  await seedAnomaly(db, 1, { desk: '금리스왑데스크' });
  fileId = (await seedFileWithRejections(db)).id;
  report = await seedReports(app.database.db, reportsDir);
  token = await app.tokenFor('viewer');
});
after(() => app.close());

const get = (urlPath: string) => fetch(app.baseUrl + urlPath, { headers: { authorization: `Bearer ${token}` } });
const suspiciousLogs = () => app.logger.entries.filter((e) => e.obj.event === 'suspicious_input');

it('refuses SQL injection in the anomaly filters, logs it, and the tables stay intact', async () => {
  const attempts = [
    `desk=${encodeURIComponent("' OR 1=1 --")}`,
    `desk=${encodeURIComponent('x"; DROP TABLE anomalies; --')}`,
    `product=${encodeURIComponent("IRS' OR '1'='1")}`,
    `from=${encodeURIComponent("2026-01-01'; DELETE FROM anomalies;--")}`,
    `minScore=${encodeURIComponent('0 OR 1=1')}`,
    `status=${encodeURIComponent('open UNION SELECT password_hash FROM users')}`,
    `page=${encodeURIComponent('1; SELECT pg_sleep(5)')}`,
  ];
  for (const query of attempts) {
    const before = suspiciousLogs().length;
    const response = await get(`/api/anomalies?${query}`);
    assert.equal(response.status, 400, query);
    const body = (await response.json()) as { field: string };
    assert.ok(body.field, query);
    assert.equal(suspiciousLogs().length, before + 1, `logged: ${query}`);
  }
  const logged = suspiciousLogs().at(-1)!.obj;
  assert.equal(logged.path, `/api/anomalies?${attempts.at(-1)}`);
  assert.equal(logged.user, 'viewer-user');
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from anomalies`.execute(app.database.db.kysely);
  assert.equal(rows[0]?.n, 1);
});

it('still filters by an ordinary Korean desk name', async () => {
  const response = await get(`/api/anomalies?desk=${encodeURIComponent('금리스왑데스크')}`);
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { total: number }).total, 1);
});

it('refuses path traversal on downloads and logs it', async () => {
  for (const urlPath of [
    '/api/files/..%2F..%2Fetc%2Fpasswd/rejected.csv',
    `/api/files/${fileId}%2F..%2F..%2Fetc/rejected`,
    '/api/reports/..%2F..%2Fetc%2Fpasswd/machine',
    `/api/reports/${report.id}/..%2F..%2Fetc%2Fpasswd`,
  ]) {
    const before = suspiciousLogs().length;
    const response = await get(urlPath);
    assert.equal(response.status, 400, urlPath);
    assert.doesNotMatch(await response.text(), /root:/);
    assert.equal(suspiciousLogs().length, before + 1, `logged: ${urlPath}`);
  }
});

it('never serves a stored report path outside the reports folder', async () => {
  const response = await get(`/api/reports/${report.outsideId}/machine`);
  assert.equal(response.status, 404);
  assert.doesNotMatch(await response.text(), /root:/);
  assert.ok(app.logger.entries.some((e) => e.obj.event === 'report_path_refused' && e.obj.id === report.outsideId));
});

it('refuses traversal on the static web files', async () => {
  for (const urlPath of [
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/js/..%2f..%2f..%2fapi%2fapp.ts',
    '/%2e%2e/%2e%2e/etc/passwd',
  ]) {
    const response = await fetch(app.baseUrl + urlPath);
    assert.notEqual(response.status, 200, urlPath);
    const text = await response.text();
    assert.doesNotMatch(text, /root:|createApp/, urlPath);
  }
});

it('downloads a report with the checksum that matches its bytes', async () => {
  const response = await get(`/api/reports/${report.id}/machine`);
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual(bytes, report.bytes);
  assert.equal(response.headers.get('x-checksum-sha256'), createHash('sha256').update(bytes).digest('hex'));
});

it('answers a malformed JSON body with 400 and no stack trace', async () => {
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"username": "x", ',
  });
  assert.equal(response.status, 400);
  const text = await response.text();
  assert.equal((JSON.parse(text) as { field: string }).field, 'body');
  assert.doesNotMatch(text, /SyntaxError|at JSON|node_modules/);
});

it('sends security headers with a CSP the web UI satisfies', async () => {
  const response = await fetch(`${app.baseUrl}/`);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('x-powered-by'), null);
  const html = await response.text();
  assert.doesNotMatch(html, /<script>(?!<\/script>)|style="|onclick=/, 'no inline script, style or handler');
});

it('publishes the staff paths in the OpenAPI document', async () => {
  const response = await fetch(`${app.baseUrl}/api/openapi.json`);
  const doc = (await response.json()) as { paths: Record<string, unknown> };
  for (const p of [
    '/api/auth/login',
    '/api/anomalies',
    '/api/anomalies/{eventKey}/review',
    '/api/files/{fileId}/rejected.csv',
  ]) {
    assert.ok(doc.paths[p], p);
  }
});

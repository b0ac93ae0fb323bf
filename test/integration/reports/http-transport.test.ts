import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { dailyReportWorkflowId } from '../../../schemas/workflow-ids';
import { eventually, startReportHarness, type ReportHarness } from '../../support/report-harness';
import { insertTrades } from '../../support/report-trades';
import { validRow } from '../../support/trade-rows';

// A gateway on loopback that checks the signature, remembers submissions by idempotency key and answers polls.
const SECRET = 'test-gateway-secret-of-at-least-32-chars';
const received = new Map<string, { body: Buffer; signatureOk: boolean; headers: http.IncomingHttpHeaders }>();
const acks = new Map<string, { status: string; reason?: string }>();
let posts = 0;
let failFirst = true;
const gateway = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const ack = /^\/submit\/(.+)\/ack$/.exec(req.url ?? '');
    if (req.method === 'GET' && ack) {
      const answer = acks.get(decodeURIComponent(ack[1]!));
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(answer ?? {}));
      return;
    }
    posts++;
    if (failFirst) {
      failFirst = false;
      res.writeHead(503).end('busy');
      return;
    }
    const key = String(req.headers['idempotency-key']);
    if (received.has(key)) {
      res.writeHead(409).end('duplicate');
      return;
    }
    const body = Buffer.concat(chunks);
    const signatureOk =
      req.headers['x-signature'] === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    received.set(key, { body, signatureOk, headers: req.headers });
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${received.size}` }));
  });
});
let h: ReportHarness;

before(async () => {
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const port = (gateway.address() as AddressInfo).port;
  h = await startReportHarness({
    REPORT_TRANSPORT: 'http',
    REPORT_HTTP_URL: `http://127.0.0.1:${port}/submit`,
    REPORT_HTTP_SECRET: SECRET,
  });
  await insertTrades(h.database.db.kysely, [{ row: validRow(1), receivedAt: '2026-11-19T03:00:00Z' }]);
});
after(async () => {
  await h?.close();
  gateway.close();
});

it(
  'posts the machine file signed, with an idempotency key, retries a 503, and takes the polled acknowledgement',
  { timeout: 120_000 },
  async () => {
    const id = dailyReportWorkflowId('2026-11-20');
    const handle = await h.client.workflow.start('dailyReportWorkflow', {
      workflowId: id,
      taskQueue: h.taskQueue,
      args: [{ businessDate: '2026-11-20', ackPollInterval: '1 second' }],
    });
    const submission = await eventually(async () => received.get(`${id}.s1`));
    const report = await h.database.db.kysely
      .selectFrom('reports')
      .selectAll()
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(submission.signatureOk, 'HMAC-SHA256 signature over the body');
    assert.equal(createHash('sha256').update(submission.body).digest('hex'), report.machine_sha256);
    assert.deepEqual(submission.body, readFileSync(report.machine_path!));
    assert.equal(submission.headers['x-content-sha256'], report.machine_sha256);
    assert.equal(posts, 2, 'the 503 was retried once');
    acks.set(`${id}.s1`, { status: 'accepted' });
    const result = (await handle.result()) as { status: string };
    assert.equal(result.status, 'acknowledged');
    const sub = await h.database.db.kysely
      .selectFrom('report_submissions')
      .selectAll()
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(sub.status, 'accepted');
    assert.equal(sub.remote_ref, 'gw-1');
  },
);

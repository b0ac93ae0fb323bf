import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import express from 'express';
import { createHttpMetrics, serveMetrics } from '../../../client/api/metrics/http-metrics';

it('times requests by matched route and status, and serves them on the metrics port only', async () => {
  const metrics = createHttpMetrics();
  const app = express();
  app.use(metrics.middleware);
  app.get('/api/things/:id', (_req, res) => void res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const metricsServer = serveMetrics(metrics.registry, 0, '127.0.0.1');
  await new Promise((resolve) => metricsServer.once('listening', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const id of ['1', '2', '3']) assert.equal((await fetch(`${base}/api/things/${id}`)).status, 200);
    assert.equal((await fetch(`${base}/nowhere`)).status, 404);
    const text = await (
      await fetch(`http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics`)
    ).text();
    assert.match(text, /swap_api_http_requests_total\{method="GET",route="\/api\/things\/:id",status="200"\} 3/);
    assert.match(text, /swap_api_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(text, /swap_api_http_request_duration_seconds_bucket\{le="0\.025"/);
    assert.match(text, /swap_api_process_cpu_seconds_total/);
    assert.equal((await fetch(`${base}/metrics`)).status, 404, 'the public port does not serve metrics');
  } finally {
    server.close();
    metricsServer.close();
  }
});

import { createServer, type Server } from 'node:http';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The API process's Prometheus metrics: request latencies and counts by route, plus Node's own (heap, GC, loop). */
export function createHttpMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'swap_api_' });
  const duration = new Histogram({
    name: 'swap_api_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    // Fine buckets below 100 ms, where the intake's latency target lives.
    buckets: [0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'swap_api_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });

  /** Times every request; the route label is the matched pattern (never the raw URL, which would explode labels). */
  const middleware: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? `${req.baseUrl}${routePath}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
      requests.inc(labels);
    });
    next();
  };
  return { registry, middleware };
}

/** Serves `/metrics` on its own port, so the public API port never exposes internals. */
export function serveMetrics(registry: Registry, port: number, host = '0.0.0.0'): Server {
  return createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  }).listen(port, host);
}

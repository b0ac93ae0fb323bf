import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

// The load side of bench/realtime, in its own process so the generator and the server under test each have an
// event loop of their own (and, when the machine has one free, a core): autocannon with a fixed number of
// connections at a fixed overall rate, bodies taken in turn from a file of one JSON body per line.
// Usage: load.ts <port> <seconds> <rate> <connections> <bodiesFile> <token>; prints one JSON line of results.
const [port, seconds, rate, connections, bodiesFile, token] = process.argv.slice(2);
const bodies = readFileSync(bodiesFile!, 'utf8').split('\n').filter(Boolean);
let next = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: Number(connections),
  overallRate: Number(rate),
  duration: Number(seconds),
  requests: [
    {
      method: 'POST',
      path: '/api/trades',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }),
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  }) + '\n',
);

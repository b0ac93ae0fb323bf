import { readFileSync } from 'node:fs';
import http from 'node:http';

// The load side of bench/realtime, in its own process so the generator and the server under test each have an
// event loop of their own. An open-loop, constant-rate generator: request i is due at start + i/rate whatever the
// server is doing, and its latency is measured from when it was due, not from when a connection was free to send
// it — a server that falls behind is charged for the requests waiting on it (no coordinated omission). autocannon's
// `overallRate` was not used for this: it gives each connection a quota per second and sends it back to back, so each
// second's 500 requests arrive as a burst at full speed and its p99 measures that burst's queue, not a 500/s flow.
// Usage: load.ts <port> <seconds> <rate> <connections> <bodiesFile> <token>; prints one JSON line of results.
const [port, seconds, rate, connections, bodiesFile, token] = process.argv.slice(2);
const bodies = readFileSync(bodiesFile!, 'utf8').split('\n').filter(Boolean);
const intervalMs = 1000 / Number(rate);
/** Unmeasured lead-in at the same rate: connections opened, both processes' code warmed. */
const WARM_UP_MS = 2000;
const TIMEOUT_MS = 10_000;
const lags: number[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });

interface Outcome {
  latencyMs: number;
  ok: boolean;
  /** The answer reported an anomaly (the intake's answer then waits for its workflow to be started). */
  anomaly: boolean;
}

function post(body: string, dueMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path: '/api/trades',
        method: 'POST',
        agent,
        timeout: TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.once('end', () =>
          resolve({
            latencyMs: performance.now() - dueMs,
            ok: (response.statusCode ?? 0) < 300,
            anomaly: /"anomalies":[1-9]/.test(text),
          }),
        );
      },
    );
    request.once('timeout', () => request.destroy(new Error('timed out')));
    request.once('error', () => resolve({ latencyMs: performance.now() - dueMs, ok: false, anomaly: false }));
    request.end(body);
  });
}

/** Sends every request due by now, then sleeps about a millisecond; returns the outcomes of the measured ones. */
async function run(durationMs: number, firstBody: number): Promise<{ outcomes: Outcome[]; elapsedMs: number }> {
  const start = performance.now();
  const total = Math.floor(durationMs / intervalMs);
  const pending: Promise<Outcome>[] = [];
  while (pending.length < total) {
    const now = performance.now();
    while (pending.length < total && start + pending.length * intervalMs <= now) {
      const due = start + pending.length * intervalMs;
      lags.push(now - due);
      pending.push(post(bodies[(firstBody + pending.length) % bodies.length]!, due));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const outcomes = await Promise.all(pending);
  return { outcomes, elapsedMs: performance.now() - start };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const warmUp = await run(WARM_UP_MS, 0);
const { outcomes, elapsedMs } = await run(Number(seconds) * 1000, warmUp.outcomes.length);
agent.destroy();
const latencies = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
const normal = outcomes
  .filter((o) => !o.anomaly)
  .map((o) => o.latencyMs)
  .sort((a, b) => a - b);
const anomalous = outcomes
  .filter((o) => o.anomaly)
  .map((o) => o.latencyMs)
  .sort((a, b) => a - b);
const round = (ms: number) => Number(ms.toFixed(1));
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: Math.round(outcomes.length / (elapsedMs / 1000)),
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
    errors: outcomes.filter((o) => !o.ok).length + warmUp.outcomes.filter((o) => !o.ok).length,
    requests: outcomes.length,
    anomalyAnswers: anomalous.length,
    sendLagP99Ms: round(
      percentile(
        lags.sort((a, b) => a - b),
        99,
      ),
    ),
    p99NormalMs: round(percentile(normal, 99)),
    p50AnomalyMs: round(percentile(anomalous, 50)),
    warmUpRequests: warmUp.outcomes.length,
  }) + '\n',
);

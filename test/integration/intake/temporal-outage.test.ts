import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createBatchDetectionActivities } from '../../../activities/detection/batch-detection.activities';
import { createLogger } from '../../../activities/logging/logger';
import { startIntakeHarness, type IntakeHarness } from '../../support/intake-harness';
import { validRow } from '../../support/trade-rows';

// Temporal unreachable while the API flags an anomaly: the trade and its anomaly are stored, the answer says the
// alert is pending, and batch detection's sweep starts the workflow once Temporal answers. Nothing is lost.
let h: IntakeHarness;
let deadConnection: Connection;

before(async () => {
  // Nothing listens on port 1: every call fails after the connect timeout.
  deadConnection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '500ms' });
  h = await startIntakeHarness({}, { intakeTemporal: new Client({ connection: deadConnection }) });
});
after(async () => {
  await h.close();
  await deadConnection.close().catch(() => undefined);
});

it('keeps an anomaly found while Temporal is down and starts its workflow from the batch sweep', async () => {
  const trade = validRow(1, { notional_leg1: '90000000000000', execution_ts: '2026-11-20T10:00:00+09:00' });
  const { status, json } = await h.post(trade, await h.token('service'));
  assert.equal(status, 200, JSON.stringify(json));
  assert.equal(json.alertsPending, 1);
  const [item] = json.items as { eventKey: string; decision: string; workflowId: string }[];
  assert.equal(item!.decision, 'anomaly');
  const stored = await h.database.db.kysely
    .selectFrom('anomalies')
    .select(['workflow_started_at'])
    .where('event_key', '=', item!.eventKey)
    .executeTakeFirstOrThrow();
  assert.equal(stored.workflow_started_at, null);

  const activities = createBatchDetectionActivities({
    db: h.database.db,
    logger: createLogger({ service: 'test', level: 'error' }),
    clock: () => new Date(),
    temporal: h.client,
    workflowTaskQueue: h.workflowTaskQueue,
    gpuTaskQueue: 'unused',
    reportsDir: '/nonexistent',
    defaultChunkRows: 1000,
    alert: { threshold: 1000, recipients: [], from: 'x@localhost', transport: undefined as never },
  });
  const range = { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' };
  const env = new MockActivityEnvironment();
  assert.deepEqual(await env.run(activities.startPendingAnomalyWorkflows, range), { started: 1 });
  const described = await h.client.workflow.getHandle(item!.workflowId).describe();
  assert.equal(described.type, 'anomalyWorkflow');
  // A second sweep finds nothing left to start.
  assert.deepEqual(await env.run(activities.startPendingAnomalyWorkflows, range), { started: 0 });
});

import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createLogger } from '../../activities/logging/logger';
import type { MailSettings } from '../../activities/mail/mail.activities';
import { createSmtpTransport } from '../../activities/mail/smtp-transport';
import { timeSkippingServerExecutable } from '../../dev/stack/time-skipping-server';
import { ANOMALY_STATE_QUERY, DETECTED_SIGNAL, type AnomalyWorkflowState } from '../../schemas/anomaly-workflow';
import { anomalyWorkflowId } from '../../schemas/workflow-ids';
import { createAlertActivities } from '../../workers/alert-activities';
import { WORKFLOWS_PATH } from '../../workers/cpu-worker';
import { installTemporalRuntime } from '../../workers/runtime';
import { insertAnomaly } from './anomaly-rows';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher';
import { uniqueTaskQueue } from './temporal-env';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_MAIL: MailSettings = {
  from: 'swap-reporting@bank.example',
  alertTo: ['ops-a@bank.example', 'ops-b@bank.example'],
  escalationTo: ['heads@bank.example'],
  operationsTo: ['it-ops@bank.example'],
  appBaseUrl: 'https://swap.bank.example',
};

/** The shared parts of a suite: the database, a real SMTP server on loopback and the workflow bundle. */
export interface AlertSuite {
  database: TestDatabase;
  smtp: SmtpCatcher;
  bundle: WorkflowBundleWithSourceMap;
  close(): Promise<void>;
}

let runtimeInstalled = false;

export async function startAlertSuite(): Promise<AlertSuite> {
  if (!runtimeInstalled) {
    installTemporalRuntime(createLogger({ service: 'test-sdk', level: 'error' }), 0);
    runtimeInstalled = true;
  }
  const [database, smtp, bundle] = await Promise.all([
    createTestDatabase('alerts'),
    startSmtpCatcher(),
    bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} },
    }),
  ]);
  return {
    database,
    smtp,
    bundle,
    async close() {
      await smtp.stop();
      await database.drop();
    },
  };
}

/** A worker with the production alert activities (real SMTP transport, real database) on `client`'s server. */
export async function createAlertWorker(
  suite: AlertSuite,
  connection: Worker['options']['connection'],
  taskQueue: string,
) {
  return Worker.create({
    ...(connection ? { connection } : {}),
    taskQueue,
    workflowBundle: suite.bundle,
    activities: createAlertActivities({
      db: suite.database.db,
      logger: createLogger({ service: 'test-alerts', level: 'error' }),
      clock: () => new Date(),
      transport: createSmtpTransport({ url: suite.smtp.url }),
      settings: TEST_MAIL,
    }),
  });
}

export interface TimeSkippingRun {
  env: TestWorkflowEnvironment;
  client: Client;
  taskQueue: string;
  /** Moves the server's clock to `ms` (firing every timer on the way). */
  skipTo(ms: number): Promise<void>;
  now(): Promise<number>;
  /** Stores an anomaly found at the server's current time and signal-with-starts its workflow, as intake does. */
  detect(label: string, n: number): Promise<{ eventKey: string; workflowId: string }>;
  state(workflowId: string): Promise<AnomalyWorkflowState>;
}

/** Runs `body` against a fresh time-skipping test server with an alert worker; one server per scenario. */
export async function withTimeSkipping(
  suite: AlertSuite,
  body: (run: TimeSkippingRun) => Promise<void>,
): Promise<void> {
  const path = timeSkippingServerExecutable();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  try {
    // The time-skipping server keeps its own list of search attributes.
    await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes: { Uti: 2 } });
    const taskQueue = uniqueTaskQueue('alerts');
    const worker = await createAlertWorker(suite, env.nativeConnection, taskQueue);
    const run: TimeSkippingRun = {
      env,
      client: env.client,
      taskQueue,
      now: () => env.currentTimeMs(),
      async skipTo(ms) {
        const now = await env.currentTimeMs();
        if (ms < now)
          throw new Error(`cannot go back in time: ${new Date(ms).toISOString()} < ${new Date(now).toISOString()}`);
        if (ms > now) await env.sleep(ms - now);
      },
      async detect(label, n) {
        const executionTs = new Date(await env.currentTimeMs()).toISOString();
        const { eventKey, uti } = await insertAnomaly(suite.database.db.kysely, { label, n, executionTs });
        const workflowId = anomalyWorkflowId(eventKey);
        await env.client.workflow.signalWithStart('anomalyWorkflow', {
          workflowId,
          taskQueue,
          args: [{ eventKey, uti, executionTs, detectedBy: 'api' }],
          signal: DETECTED_SIGNAL,
          signalArgs: [],
        });
        return { eventKey, workflowId };
      },
      state: (workflowId) => env.client.workflow.getHandle(workflowId).query<AnomalyWorkflowState>(ANOMALY_STATE_QUERY),
    };
    await worker.runUntil(body(run));
  } finally {
    await env.teardown();
  }
}

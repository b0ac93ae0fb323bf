import path from 'node:path';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import { createBatchDetectionActivities } from '../../activities/detection/batch-detection.activities';
import { createBatchScoringActivities } from '../../activities/detection/batch-scoring.activities';
import { MarketCalendarHolder } from '../../activities/detection/rules/market-calendar';
import { ChampionHolder } from '../../activities/detection/scoring/champion-holder';
import { createLogger } from '../../activities/logging/logger';
import { createSmtpTransport } from '../../activities/mail/smtp-transport';
import { ArtefactStore } from '../../activities/models/registry/artefact-store';
import { timeSkippingServerExecutable } from '../../dev/stack/time-skipping-server';
import type { Database } from '../../schemas/db/database';
import { createAlertActivities } from '../../workers/alert-activities';
import { TEST_MAIL, type AlertSuite } from './alert-harness';
import { eventKeyOf } from './anomaly-rows';
import { insertTrades } from './report-trades';
import { scratchDir, uniqueTaskQueue } from './temporal-env';
import { validRow } from './trade-rows';

export const BATCH_ALERT_TO = ['batch-ops@bank.example'];

export interface BatchWindowRun {
  env: TestWorkflowEnvironment;
  client: Client;
  taskQueue: string;
  skipTo(ms: number): Promise<void>;
  now(): Promise<number>;
}

/**
 * Runs `body` against a fresh time-skipping server with one worker holding the production batch detection, batch
 * scoring (rules only: no champion) and alert activities against the suite's real PostgreSQL and SMTP catcher.
 * The batch alert threshold is 1.
 */
export async function withBatchTimeSkipping(
  suite: AlertSuite,
  body: (run: BatchWindowRun) => Promise<void>,
): Promise<void> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: timeSkippingServerExecutable() } },
  });
  try {
    await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes: { Uti: 2 } });
    const taskQueue = uniqueTaskQueue('batch-window');
    const logger = createLogger({ service: 'test-batch-window', level: 'error' });
    const db = suite.database.db;
    const dataDir = scratchDir('batch-window');
    const detection = createBatchDetectionActivities({
      db,
      logger,
      clock: () => new Date(),
      temporal: env.client,
      workflowTaskQueue: taskQueue,
      gpuTaskQueue: taskQueue,
      reportsDir: path.join(dataDir, 'reports'),
      defaultChunkRows: 1000,
      alert: {
        threshold: 1,
        recipients: BATCH_ALERT_TO,
        from: TEST_MAIL.from,
        transport: createTransport(suite.smtp.url),
      },
    });
    const scoring = createBatchScoringActivities({
      db,
      logger,
      champion: new ChampionHolder({
        db,
        store: new ArtefactStore(path.join(dataDir, 'models')),
        provider: 'cpu',
        logger,
        pollMs: 1,
      }),
      calendar: new MarketCalendarHolder(db.kysely, 60_000),
      decision: { policy: 'weighted' },
    });
    const alerts = createAlertActivities({
      db,
      logger,
      clock: () => new Date(),
      transport: createSmtpTransport({ url: suite.smtp.url }),
      settings: TEST_MAIL,
    });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: suite.bundle,
      activities: { ...alerts, ...detection, scoreDetectionChunk: scoring.scoreDetectionChunk },
    });
    const run: BatchWindowRun = {
      env,
      client: env.client,
      taskQueue,
      now: () => env.currentTimeMs(),
      async skipTo(ms) {
        const now = await env.currentTimeMs();
        if (ms < now) throw new Error(`cannot go back in time to ${new Date(ms).toISOString()}`);
        if (ms > now) await env.sleep(ms - now);
      },
    };
    await worker.runUntil(body(run));
  } finally {
    await env.teardown();
  }
}

/** Stores `count` unscored IRS trades of 5 trillion KRW (above the default rule set's limit) executed at `ms`. */
export async function insertLargeTrades(
  db: Kysely<Database>,
  options: { label: string; firstN: number; count: number; ms: number },
): Promise<void> {
  const rows = Array.from({ length: options.count }, (_, i) => {
    const n = options.firstN + i;
    const row = validRow(n, {
      execution_ts: new Date(options.ms + i * 1000).toISOString(),
      notional_leg1: '5000000000000',
    });
    return { row, eventKey: eventKeyOf(`${options.label}-${n}`) };
  });
  await insertTrades(db, rows);
}

import { Context, heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { ALERT_WINDOW_CLOSED } from '../../schemas/calendar/alert-timing';
import { sendBatchAlert, type BatchAlert } from './batch-alert';
import { writeBatchReport } from './batch-report';
import { planUnscoredChunks } from './scoring/load-trades';
import { anomaliesToStart, startAnomalyWorkflows } from './start-anomaly-workflows';

export interface BatchDetectionDeps {
  db: Db;
  logger: Logger;
  clock: () => Date;
  /** Starts anomaly workflows (signal-with-start). */
  temporal: Client;
  /** Task queue of anomalyWorkflow. */
  workflowTaskQueue: string;
  /** Where batch anomaly reports go (under DATA_DIR). */
  reportsDir: string;
  defaultChunkRows: number;
  /** The GPU queue this deployment scores on, for batches that do not name one. */
  gpuTaskQueue: string;
  alert: { threshold: number; recipients: string[]; from: string; transport: Transporter };
}

/** What the batch found, for its report and alert. */
export interface BatchSummary {
  batchId: string;
  from: string;
  to: string;
  newAnomalies: number;
  trades: number;
}

export interface FinishedBatch {
  reportPath: string | null;
  alertSent: boolean;
  /** Above the threshold: a batch alert is owed (sent already when alertSent). */
  alertDue: boolean;
}

/** The orchestration-side activities of batch detection (CPU queue): plan, start workflows, report and alert. */
export function createBatchDetectionActivities(deps: BatchDetectionDeps) {
  const batchAlertOf = (input: BatchSummary, reportPath: string | null): BatchAlert => ({
    batchId: input.batchId,
    recipients: deps.alert.recipients,
    from: deps.alert.from,
    subject: `[swap-reporting] batch detection found ${input.newAnomalies} new anomalies`,
    text:
      `Batch ${input.batchId} scored ${input.trades} trades executed ${input.from} – ${input.to} (UTC) and ` +
      `found ${input.newAnomalies} new anomalies, above the alert threshold of ${deps.alert.threshold}.\n` +
      `Each anomaly is alerted on its own within business hours; the attached report lists them all.\n`,
    reportPath,
  });

  return {
    /** The range to cover (a file's time span when only a file is given) split into chunks of unscored trades. */
    async planDetection(input: { from?: string; to?: string; fileId?: number; chunkRows?: number }) {
      let { from, to } = input;
      if (from === undefined || to === undefined) {
        if (input.fileId === undefined) throw new Error('planDetection needs a range or a file');
        const span = await deps.db.kysely
          .selectFrom('trades')
          .select((eb) => [eb.fn.min('execution_ts').as('first'), eb.fn.max('execution_ts').as('last')])
          .where('file_id', '=', input.fileId)
          .executeTakeFirstOrThrow();
        if (!span.first || !span.last) return { from: null, to: null, chunks: [], gpuTaskQueue: deps.gpuTaskQueue };
        from = new Date(span.first).toISOString();
        // Half-open ranges: one millisecond past the last trade (timestamps are stored to the millisecond).
        to = new Date(new Date(span.last).getTime() + 1).toISOString();
      }
      const chunks = await planUnscoredChunks(deps.db.kysely, {
        from: new Date(from),
        to: new Date(to),
        ...(input.fileId !== undefined && { fileId: input.fileId }),
        chunkRows: input.chunkRows ?? deps.defaultChunkRows,
      });
      return { from, to, chunks, gpuTaskQueue: deps.gpuTaskQueue };
    },

    /**
     * Starts anomalyWorkflow for every anomaly of the range whose workflow is not started yet: this batch's new
     * ones, and any the API found while Temporal was unreachable. Workflow ids deduplicate.
     */
    async startPendingAnomalyWorkflows(input: { from: string; to: string }): Promise<{ started: number }> {
      const range = { from: new Date(input.from), to: new Date(input.to) };
      let started = 0;
      for (;;) {
        const pending = await anomaliesToStart(deps.db.kysely, range, 1000);
        if (pending.length === 0) return { started };
        started += (
          await startAnomalyWorkflows(
            { client: deps.temporal, db: deps.db.kysely, taskQueue: deps.workflowTaskQueue },
            pending,
            'batch',
          )
        ).started;
        heartbeat({ started });
      }
    },

    /**
     * Writes the batch anomaly report; above the threshold, the batch alert is due (`alertDue`) and, unless `mail`
     * is false, sent at once with the report attached (runs from before the alert window; new runs send it with
     * sendBatchAlertMail inside the window).
     */
    async finishBatchDetection(input: BatchSummary & { mail?: boolean }): Promise<FinishedBatch> {
      if (input.newAnomalies === 0) return { reportPath: null, alertSent: false, alertDue: false };
      const report = await writeBatchReport(deps.db.kysely, {
        dir: deps.reportsDir,
        batchId: input.batchId,
        from: new Date(input.from),
        to: new Date(input.to),
        generatedAt: deps.clock(),
      });
      if (input.newAnomalies <= deps.alert.threshold)
        return { reportPath: report.path, alertSent: false, alertDue: false };
      if (input.mail === false) return { reportPath: report.path, alertSent: false, alertDue: true };
      const sent = await sendBatchAlert(
        { db: deps.db.kysely, transport: deps.alert.transport, clock: deps.clock },
        batchAlertOf(input, report.path),
      );
      deps.logger.info({ batchId: input.batchId, messageId: sent.messageId }, 'batch alert sent');
      return { reportPath: report.path, alertSent: true, alertDue: true };
    },

    /**
     * The batch alert, inside an alert window: an attempt scheduled at or after `windowClosesAt` fails for good
     * (ALERT_WINDOW_CLOSED) and the workflow waits for the next window. Dated `at` (the workflow's time) or later.
     */
    async sendBatchAlertMail(
      input: BatchSummary & { reportPath: string | null; at: string; windowClosesAt: string },
    ): Promise<{ messageId: string; date: string }> {
      const now = attemptTime(deps.clock);
      if (now >= Date.parse(input.windowClosesAt)) {
        throw ApplicationFailure.nonRetryable(
          `the alert window closed at ${input.windowClosesAt}`,
          ALERT_WINDOW_CLOSED,
        );
      }
      const date = new Date(Math.max(Date.parse(input.at), now));
      const sent = await sendBatchAlert(
        { db: deps.db.kysely, transport: deps.alert.transport, clock: deps.clock },
        { ...batchAlertOf(input, input.reportPath), date },
      );
      deps.logger.info({ batchId: input.batchId, messageId: sent.messageId }, 'batch alert sent');
      return { messageId: sent.messageId, date: date.toISOString() };
    },
  };
}

/** The scheduled time of this attempt (the workflow's clock on a time-skipping server), else the worker's clock. */
function attemptTime(clock: () => Date): number {
  try {
    return Context.current().info.currentAttemptScheduledTimestampMs;
  } catch {
    return clock().getTime();
  }
}

export type BatchDetectionActivities = ReturnType<typeof createBatchDetectionActivities>;

import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, log, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar/business-calendar.activities';
import type { BatchDetectionActivities, BatchSummary } from '../activities/detection/batch-detection.activities';
import type {
  BatchScoringActivities,
  ScoreDetectionChunkResult,
} from '../activities/detection/batch-scoring.activities';
import {
  BATCH_DETECTION_STATE_QUERY,
  batchDetectionInputSchema,
  type BatchDetectionInput,
  type BatchDetectionResult,
  type BatchDetectionState,
} from '../schemas/batch-detection';
import { GPU_TASK_QUEUE } from '../schemas/task-queues';
import { ACTIVITY_PROFILES } from './activity-profiles';
import { sendInAlertWindow } from './send-in-alert-window';

const plan = proxyActivities<BatchDetectionActivities>(ACTIVITY_PROFILES.quickDb);
const starts = proxyActivities<BatchDetectionActivities>(ACTIVITY_PROFILES.workflowStarts);
const finish = proxyActivities<BatchDetectionActivities>(ACTIVITY_PROFILES.reportAndMail);
const calendar = proxyActivities<CalendarActivities>(ACTIVITY_PROFILES.anomalyDb);
const mail = proxyActivities<BatchDetectionActivities>(ACTIVITY_PROFILES.mail);
const stateQuery = defineQuery<BatchDetectionState>(BATCH_DETECTION_STATE_QUERY);
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);
const MS_PER_HOUR = 3_600_000;

/**
 * Batch detection ("TainBat", DESIGN Data flow 3): the unscored trades of a range, split into chunks, scored on the
 * GPU queue with bounded concurrency; then one anomalyWorkflow per new anomaly (ids deduplicate), the batch anomaly
 * report, and one batch alert when the new anomalies pass the configured threshold, sent only inside the alert
 * window (it waits on a durable timer for the next one; the query shows it pending and until when). Running a range
 * twice scores nothing twice and starts no workflow twice.
 */
export async function batchDetectionWorkflow(raw: BatchDetectionInput): Promise<BatchDetectionResult> {
  const input = batchDetectionInputSchema.parse(raw);
  const info = workflowInfo();
  const batchId = `${info.workflowId}.${info.runId.replace(/-/g, '').slice(-12)}`;
  const empty = { batchId, chunks: 0, trades: 0, scored: 0, newAnomalies: 0, workflowsStarted: 0 };
  const state: BatchDetectionState = {
    ...empty,
    from: '',
    to: '',
    alertSent: false,
    reportPath: null,
    phase: 'scoring',
    alertPendingUntil: null,
  };
  setHandler(stateQuery, () => state);
  const range = rangeOf(input, info.typedSearchAttributes.get(SCHEDULED_START) ?? new Date());
  const planned = await plan.planDetection({
    ...range,
    ...(input.fileId !== undefined && { fileId: input.fileId }),
    ...(input.chunkRows !== undefined && { chunkRows: input.chunkRows }),
  });
  if (planned.from === null || planned.to === null) {
    state.phase = 'done';
    return { ...empty, from: '', to: '', alertSent: false, reportPath: null };
  }
  const { from, to, chunks } = planned;

  const gpu = proxyActivities<BatchScoringActivities>({
    ...ACTIVITY_PROFILES.batchScoring,
    // The deployment's GPU queue comes from the CPU worker's config (through planDetection's recorded result).
    taskQueue: input.gpuTaskQueue ?? planned.gpuTaskQueue ?? GPU_TASK_QUEUE,
  });
  const results: ScoreDetectionChunkResult[] = [];
  let next = 0;
  // maxParallel lanes, each taking the next chunk when its last one is done.
  const lane = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      results.push(
        await gpu.scoreDetectionChunk({
          from: chunk.from,
          to: chunk.to,
          ...(input.fileId !== undefined && { fileId: input.fileId }),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.maxParallel, chunks.length) }, lane));
  const totals = {
    trades: results.reduce((n, r) => n + r.trades, 0),
    scored: results.reduce((n, r) => n + r.scored, 0),
    newAnomalies: results.reduce((n, r) => n + r.newAnomalies, 0),
  };

  const { started } = await starts.startPendingAnomalyWorkflows({ from, to });
  Object.assign(state, { from, to, chunks: chunks.length, ...totals, workflowsStarted: started });
  const summary: BatchSummary = { batchId, from, to, newAnomalies: totals.newAnomalies, trades: totals.trades };
  // Runs from before the alert window mailed with the report, at once.
  if (!patched('batch-alert-in-window')) {
    const finished = await finish.finishBatchDetection(summary);
    log.info('batch detection done', { batchId, ...totals, started, alertSent: finished.alertSent });
    Object.assign(state, { phase: 'done', reportPath: finished.reportPath, alertSent: finished.alertSent });
    return {
      ...empty,
      from,
      to,
      chunks: chunks.length,
      ...totals,
      workflowsStarted: started,
      reportPath: finished.reportPath,
      alertSent: finished.alertSent,
    };
  }
  const report = await finish.finishBatchDetection({ ...summary, mail: false });
  state.reportPath = report.reportPath;
  if (report.alertDue) {
    state.phase = 'alert_pending';
    const sent = await sendInAlertWindow({
      loadCalendar: (years) => calendar.loadBusinessCalendar(years),
      send: (window) => mail.sendBatchAlertMail({ ...summary, reportPath: report.reportPath, ...window }),
      onWait: (until) => {
        state.alertPendingUntil = until;
      },
      summary: 'batch alert',
    });
    Object.assign(state, { alertSent: true, alertSentAt: sent.date, alertPendingUntil: null });
  }
  state.phase = 'done';
  log.info('batch detection done', { batchId, ...totals, started, alertSent: state.alertSent });
  const { phase: _phase, alertPendingUntil: _until, ...result } = state;
  return { ...result, alertSentAt: state.alertSentAt ?? null };
}

/** The range asked for, or the lookback before the scheduled (or actual) start; absent for a file-only batch. */
function rangeOf(
  input: { from?: string | undefined; to?: string | undefined; lookbackHours?: number | undefined },
  start: Date,
): { from?: string; to?: string } {
  if (input.from !== undefined && input.to !== undefined) return { from: input.from, to: input.to };
  if (input.lookbackHours === undefined) return {};
  return {
    from: new Date(start.getTime() - input.lookbackHours * MS_PER_HOUR).toISOString(),
    to: start.toISOString(),
  };
}

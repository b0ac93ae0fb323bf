import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

/**
 * Input of `batchDetectionWorkflow` ("TainBat"): a time range of execution times, or the hours before the run's
 * start (the hourly schedule), or an ingested file (its trades' time span). Only unscored trades are scored, so any
 * range can be run again: what was scored stays as it was.
 */
export const batchDetectionInputSchema = z
  .object({
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    /** Range = the last N hours before the workflow's start (used when from/to are absent). */
    lookbackHours: z
      .number()
      .positive()
      .max(24 * 400)
      .optional(),
    /** Only this ingested file's trades. */
    fileId: z.number().int().positive().optional(),
    gpuTaskQueue: z.string().min(1).optional(),
    /** Trades per scoring chunk (one GPU-queue activity each); default from the worker's DETECT_CHUNK_ROWS. */
    chunkRows: z.number().int().positive().max(1_000_000).optional(),
    /** Chunks scored at once. */
    maxParallel: z.number().int().positive().max(64).default(2),
  })
  .refine((i) => (i.from === undefined) === (i.to === undefined), 'give both from and to, or neither')
  .refine(
    (i) => i.from !== undefined || i.lookbackHours !== undefined || i.fileId !== undefined,
    'give a range (from, to), lookbackHours or a fileId',
  );
export type BatchDetectionInput = z.input<typeof batchDetectionInputSchema>;

export interface BatchDetectionResult {
  batchId: string;
  from: string;
  to: string;
  chunks: number;
  trades: number;
  scored: number;
  newAnomalies: number;
  workflowsStarted: number;
  alertSent: boolean;
  reportPath: string | null;
  /** When the batch alert went out (its Date header); absent in runs from before the alert window. */
  alertSentAt?: string | null;
}

/** Query name of batchDetectionWorkflow's progress. */
export const BATCH_DETECTION_STATE_QUERY = 'batchDetectionState';

/**
 * What a batch has done so far: 'alert_pending' once the report is written and the batch alert waits for the
 * alert window (DESIGN: no alert outside [09:00, 15:00) KST on business days), until `alertPendingUntil`.
 */
export interface BatchDetectionState extends BatchDetectionResult {
  phase: 'scoring' | 'alert_pending' | 'done';
  alertPendingUntil: string | null;
}

/** The batch that follows an ingested file: one per file content, like the ingest run itself. */
export function batchDetectionAfterIngestId(ingestWorkflowId: string): string {
  return `batch-detection-after-${ingestWorkflowId}`;
}

/** A manual run over a range (CLI `detect`): the same range twice joins the running one. */
export function batchDetectionRangeId(from: string, to: string): string {
  return `batch-detection-${from}-${to}`;
}

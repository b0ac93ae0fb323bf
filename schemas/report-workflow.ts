import { z } from 'zod';

/**
 * Contracts of the report workflows: inputs, results, the gateway's acknowledgement signal and the resubmission
 * signal. Durations are Temporal duration strings ('4 hours', '30 seconds').
 */
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const duration = z.string().regex(/^\d+(\.\d+)?\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$/);

export const dailyReportInputSchema = z.object({
  /** KST business date; unset = the schedule's scheduled start time in KST. */
  businessDate: DATE.optional(),
  /** How long to wait for the gateway's acknowledgement before escalating (then keep waiting). */
  ackTimeout: duration.default('4 hours'),
  /** How often to ask a gateway that can be asked (http) for its acknowledgement. */
  ackPollInterval: duration.default('5 minutes'),
});
export type DailyReportInput = z.input<typeof dailyReportInputSchema>;

export interface DailyReportResult {
  reportId: string;
  businessDate: string;
  status: 'acknowledged' | 'skipped: holiday' | 'skipped: weekend';
  rowCount?: number;
  machineSha256?: string;
  submissions?: number;
}

export const cumulativeReportInputSchema = z.object({
  /** `2026-Q4`; unset = the quarter that ended before the scheduled start time (KST). */
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .optional(),
});
export type CumulativeReportInput = z.input<typeof cumulativeReportInputSchema>;

export const periodReportInputSchema = z.object({ period: z.string().regex(/^\d{4}-(Q[1-4]|H[12]|Y)$/) });
export type PeriodReportInput = z.infer<typeof periodReportInputSchema>;

export interface BuiltReport {
  reportId: string;
  rowCount: number;
  anomalyCount: number;
  machinePath: string;
  machineSha256: string;
  xlsxPath: string;
  xlsxSha256: string;
  sourceReports: string[];
}

export const correctionReportInputSchema = z.object({
  businessDate: DATE,
  // Event keys are md5 digests shaped as uuids (no RFC version bits), as in the anomaly contract.
  eventKey: z.guid(),
  reviewId: z.string().min(1).max(200),
  ackTimeout: duration.default('4 hours'),
  ackPollInterval: duration.default('5 minutes'),
});
export type CorrectionReportInput = z.input<typeof correctionReportInputSchema>;

/** The gateway's answer to a submission (signal `reportAck`). */
export interface ReportAck {
  accepted: boolean;
  reason?: string;
  /** The submission it answers; unset = the current one. */
  submissionNo?: number;
}

export const REPORT_ACK_SIGNAL = 'reportAck';
export const REPORT_RESUBMIT_SIGNAL = 'reportResubmit';
export const REPORT_STATE_QUERY = 'reportState';

/** One correction report per (business date, trade event, review decision). */
export function correctionReportWorkflowId(input: {
  businessDate: string;
  eventKey: string;
  reviewId: string;
}): string {
  const review = input.reviewId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
  return `ktfc-correction-${input.businessDate}-${input.eventKey}-${review}`;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a duration accepted by the schemas above ('4 hours', '30 seconds', '500ms'). */
export function durationMs(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(value);
  if (!m) throw new Error(`not a duration: ${value}`);
  const unit = m[2]!.startsWith('ms') || m[2]!.startsWith('milli') ? 'ms' : m[2]![0]!;
  const factor = UNIT_MS[unit];
  if (factor === undefined) throw new Error(`not a duration unit: ${value}`);
  return Number(m[1]) * factor;
}

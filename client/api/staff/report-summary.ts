import type { ReportKind, ReportStatus } from '../../../schemas/db/database';

/** The latest submission's outcome as the gateway sees it. */
export type AckStatus = 'not_sent' | 'sending' | 'awaiting' | 'accepted' | 'rejected';

export interface ReportSummary {
  id: string;
  kind: ReportKind;
  businessDate: string | null;
  period: string | null;
  /** The KST date the report belongs to (business date, or its period's last day). */
  reportDate: string;
  periodStart: string;
  periodEnd: string;
  status: ReportStatus;
  rowCount: number;
  anomalyCount: number;
  workflowId: string;
  generatedAt: string | null;
  submissions: number;
  submittedAt: string | null;
  acknowledgedAt: string | null;
  ackStatus: AckStatus;
  ackReason: string | null;
  files: { format: 'xlsx' | 'machine'; fileType: string; sha256: string; bytes: number | null }[];
}

export const iso = (v: Date | string | null | undefined) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);
const day = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

/** A `reports` row joined with its latest submission. */
export interface SummaryRow {
  report_id: string;
  kind: ReportKind;
  business_date: string | null;
  period: string | null;
  report_date: string;
  period_start: Date;
  period_end: Date;
  status: ReportStatus;
  row_count: number;
  anomaly_count: number;
  workflow_id: string;
  generated_at: Date | null;
  machine_format: 'csv' | 'xml';
  machine_sha256: string | null;
  machine_bytes: number | null;
  xlsx_sha256: string | null;
  xlsx_bytes: number | null;
  submission_no: number | null;
  submission_status: 'sending' | 'sent' | 'accepted' | 'rejected' | null;
  reason: string | null;
  sent_at: Date | null;
  ack_at: Date | null;
}

function ackStatus(row: SummaryRow): AckStatus {
  if (row.submission_status === null) return 'not_sent';
  return row.submission_status === 'sent' ? 'awaiting' : row.submission_status;
}

export function toSummary(row: SummaryRow): ReportSummary {
  const building = row.status === 'building';
  const files: ReportSummary['files'] = [];
  if (!building && row.xlsx_sha256)
    files.push({ format: 'xlsx', fileType: 'xlsx', sha256: row.xlsx_sha256, bytes: num(row.xlsx_bytes) });
  if (!building && row.machine_sha256)
    files.push({
      format: 'machine',
      fileType: row.machine_format,
      sha256: row.machine_sha256,
      bytes: num(row.machine_bytes),
    });
  return {
    id: row.report_id,
    kind: row.kind,
    businessDate: day(row.business_date),
    period: row.period,
    reportDate: day(row.report_date) ?? '',
    periodStart: iso(row.period_start) ?? '',
    periodEnd: iso(row.period_end) ?? '',
    status: row.status,
    rowCount: row.row_count,
    anomalyCount: row.anomaly_count,
    workflowId: row.workflow_id,
    generatedAt: iso(row.generated_at),
    submissions: row.submission_no ?? 0,
    submittedAt: iso(row.sent_at),
    acknowledgedAt: row.submission_status === 'accepted' ? iso(row.ack_at) : null,
    ackStatus: ackStatus(row),
    ackReason: row.submission_status === 'rejected' ? row.reason : null,
    files,
  };
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

import { sql, type Kysely } from 'kysely';
import type { Database, ReportKind, ReportStatus } from '../../../schemas/db/database';

/** `cumulative` stands for the quarterly, half-year and annual reports together. */
export const REPORT_KIND_FILTERS = ['daily', 'correction', 'cumulative', 'quarterly', 'half_year', 'annual'] as const;
export const REPORT_STATUSES = ['building', 'archived', 'transmitted', 'acknowledged', 'not_reported'] as const;

export interface ReportFilter {
  page: number;
  pageSize: number;
  kind?: (typeof REPORT_KIND_FILTERS)[number] | undefined;
  status?: ReportStatus | undefined;
  /** KST dates, inclusive, on the report's date (business date, or the last day of its period). */
  from?: string | undefined;
  to?: string | undefined;
}

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

const CUMULATIVE: ReportKind[] = ['quarterly', 'half_year', 'annual'];
// The report's own date in KST: the business date, or the day before its (exclusive) period end.
const reportDate = sql<string>`coalesce(r.business_date, ((r.period_end at time zone 'Asia/Seoul') - interval '1 day')::date)`;

function baseQuery(db: Kysely<Database>, f: Omit<ReportFilter, 'page' | 'pageSize'>) {
  let q = db.selectFrom('reports as r');
  if (f.kind === 'cumulative') q = q.where('r.kind', 'in', CUMULATIVE);
  else if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.from) q = q.where(reportDate, '>=', sql<string>`${f.from}::date`);
  if (f.to) q = q.where(reportDate, '<=', sql<string>`${f.to}::date`);
  return q;
}

/** Reports with their latest submission (one row each). */
function summaryQuery(db: Kysely<Database>, f: Omit<ReportFilter, 'page' | 'pageSize'>) {
  return baseQuery(db, f)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('report_submissions as s')
          .select(['s.submission_no', 's.status', 's.reason', 's.sent_at', 's.ack_at'])
          .whereRef('s.report_id', '=', 'r.report_id')
          .orderBy('s.submission_no', 'desc')
          .limit(1)
          .as('s'),
      (join) => join.onTrue(),
    )
    .selectAll('r')
    .select([
      reportDate.as('report_date'),
      's.submission_no',
      's.status as submission_status',
      's.reason',
      's.sent_at',
      's.ack_at',
    ]);
}

export async function listReports(db: Kysely<Database>, filter: ReportFilter) {
  const [rows, count] = await Promise.all([
    summaryQuery(db, filter)
      .orderBy(reportDate, 'desc')
      .orderBy('r.report_id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    baseQuery(db, filter)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items: rows.map(toSummary) };
}

export async function reportDetail(db: Kysely<Database>, id: string) {
  const row = await summaryQuery(db, {}).where('r.report_id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const report = toSummary(row);
  const [submissions, events, sources] = await Promise.all([
    db
      .selectFrom('report_submissions')
      .select(['submission_no', 'transport', 'remote_ref', 'sha256', 'bytes', 'status', 'reason', 'sent_at', 'ack_at'])
      .where('report_id', '=', id)
      .orderBy('submission_no')
      .execute(),
    db
      .selectFrom('report_events')
      .select(['id', 'event', 'detail', 'at'])
      .where('report_id', '=', id)
      .orderBy('id')
      .limit(500)
      .execute(),
    db.selectFrom('reports').select('source_reports').where('report_id', '=', id).executeTakeFirst(),
  ]);
  return {
    ...report,
    sourceReports: sources?.source_reports ?? [],
    submissions: submissions.map((s) => ({
      submissionNo: s.submission_no,
      transport: s.transport,
      remoteRef: s.remote_ref,
      sha256: s.sha256,
      bytes: Number(s.bytes),
      status: s.status,
      reason: s.reason,
      sentAt: iso(s.sent_at),
      ackAt: iso(s.ack_at),
    })),
    events: events.map((e) => ({ id: Number(e.id), event: e.event, detail: e.detail, at: iso(e.at) })),
  };
}
export type ReportDetail = NonNullable<Awaited<ReturnType<typeof reportDetail>>>;

const iso = (v: Date | string | null | undefined) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);
const day = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

interface SummaryRow {
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

function toSummary(row: SummaryRow): ReportSummary {
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

import { sql, type Kysely } from 'kysely';
import type { Database, ReportKind, ReportStatus } from '../../../schemas/db/database';
import { iso, toSummary } from './report-summary';

export type { AckStatus, ReportSummary } from './report-summary';

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

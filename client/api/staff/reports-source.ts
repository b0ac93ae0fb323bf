import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import { listReports, reportDetail, type ReportDetail, type ReportFilter, type ReportSummary } from './reports-queries';

export const REPORT_FORMATS = ['xlsx', 'machine'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type { ReportDetail, ReportFilter, ReportSummary } from './reports-queries';

export interface ReportFile {
  /** Absolute path as stored by the report run; the route serves it only from inside the reports folder. */
  path: string;
  sha256: string;
  fileName: string;
  contentType: string;
}

/** Why a resubmission was refused: no such report (404), or not in a state it can be resubmitted from (409). */
export class ResubmitRefused extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** What the reports page needs from the report tables (`reports`, `report_submissions`, `report_events`). */
export interface ReportsSource {
  list(filter: ReportFilter): Promise<{ available: boolean; total: number; items: ReportSummary[] }>;
  detail(id: string): Promise<ReportDetail | undefined>;
  file(id: string, format: ReportFormat): Promise<ReportFile | undefined>;
  /** Transmit a rejected report again (admin); absent = not offered. */
  resubmit?(id: string, actor: string, reason?: string): Promise<{ workflowId: string; runId?: string }>;
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml',
} as const;

/** Reads the real report tables; `resubmit` comes from the caller (it needs Temporal). */
export function tableReportsSource(db: Kysely<Database>, resubmit?: ReportsSource['resubmit']): ReportsSource {
  return {
    async list(filter) {
      return { available: true, ...(await listReports(db, filter)) };
    },
    detail: (id) => reportDetail(db, id),
    // The path comes only from the report's row (never from the request); a report still building has no files.
    async file(id, format) {
      const row = await db
        .selectFrom('reports')
        .select(['report_id', 'machine_format', 'machine_path', 'machine_sha256', 'xlsx_path', 'xlsx_sha256'])
        .where('report_id', '=', id)
        .where('status', '!=', 'building')
        .executeTakeFirst();
      if (!row) return undefined;
      const [path, sha256] =
        format === 'xlsx' ? [row.xlsx_path, row.xlsx_sha256] : [row.machine_path, row.machine_sha256];
      if (!path || !sha256) return undefined;
      const extension = format === 'xlsx' ? 'xlsx' : row.machine_format;
      return {
        path,
        sha256,
        fileName: `${row.report_id}.${extension}`.replace(/[^A-Za-z0-9._-]/g, '_'),
        contentType: CONTENT_TYPES[extension],
      };
    },
    ...(resubmit ? { resubmit } : {}),
  };
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';

export const REPORT_FORMATS = ['xlsx', 'machine'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportSummary {
  id: string;
  kind: string;
  period: string;
  status: string;
  workflowId: string | null;
  createdAt: string | null;
  submittedAt: string | null;
  acknowledgedAt: string | null;
  files: { format: ReportFormat; sha256: string | null }[];
}

export interface ReportFile {
  /** Absolute path as stored by the report run; the route serves it only from inside the reports folder. */
  path: string;
  sha256: string;
  fileName: string;
  contentType: string;
}

/**
 * What the reports page needs from the reports feature. The reports engineer's module implements it; until then
 * `tableReportsSource` reads a `reports` table when one exists (columns named below).
 */
export interface ReportsSource {
  list(page: {
    page: number;
    pageSize: number;
  }): Promise<{ available: boolean; total: number; items: ReportSummary[] }>;
  file(id: string, format: ReportFormat): Promise<ReportFile | undefined>;
  /** Transmit the report again (admin); absent = not offered. */
  resubmit?(id: string, actor: string): Promise<{ workflowId: string; runId?: string }>;
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

/**
 * Reads `reports` (id, kind, period, status, workflow_id, created_at, submitted_at, acknowledged_at, xlsx_path,
 * xlsx_sha256, machine_path, machine_sha256) when the table exists; an empty, unavailable list otherwise.
 */
export function tableReportsSource(db: Kysely<Database>): ReportsSource {
  const exists = async () => {
    const { rows } = await sql<{ t: string | null }>`select to_regclass('public.reports')::text as t`.execute(db);
    return Boolean(rows[0]?.t);
  };
  return {
    async list({ page, pageSize }) {
      if (!(await exists())) return { available: false, total: 0, items: [] };
      const [{ rows }, count] = await Promise.all([
        sql<Row>`select * from reports order by created_at desc nulls last, id desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(
          db,
        ),
        sql<{ n: number }>`select count(*)::int as n from reports`.execute(db),
      ]);
      return { available: true, total: count.rows[0]?.n ?? 0, items: rows.map(toSummary) };
    },
    async file(id, format) {
      if (!(await exists())) return undefined;
      const { rows } = await sql<Row>`select * from reports where id::text = ${id}`.execute(db);
      const row = rows[0];
      const path = text(row?.[`${format}_path`]);
      const sha256 = text(row?.[`${format}_sha256`]);
      if (!row || !path || !sha256) return undefined;
      const extension = format === 'xlsx' ? 'xlsx' : (path.split('.').pop() ?? 'csv');
      return {
        path,
        sha256,
        fileName: `${text(row.kind) ?? 'report'}-${text(row.period) ?? id}.${extension}`.replace(
          /[^A-Za-z0-9._-]/g,
          '_',
        ),
        contentType:
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : extension === 'xml'
              ? 'application/xml'
              : 'text/csv; charset=utf-8',
      };
    },
  };
}

function toSummary(row: Row): ReportSummary {
  return {
    id: String(row.id),
    kind: text(row.kind) ?? '',
    period: text(row.period) ?? '',
    status: text(row.status) ?? '',
    workflowId: text(row.workflow_id),
    createdAt: text(row.created_at),
    submittedAt: text(row.submitted_at),
    acknowledgedAt: text(row.acknowledged_at),
    files: REPORT_FORMATS.filter((f) => row[`${f}_path`]).map((format) => ({
      format,
      sha256: text(row[`${format}_sha256`]),
    })),
  };
}

import { Counter, type ReportColumn, type ReportLayout, type SheetRow } from '../report-render/report-layout';

/** One row per anomaly of the period (cumulative anomaly reports). */
export const PERIOD_REPORT_COLUMNS: ReportColumn[] = [
  { name: 'business_date', kind: 'text' },
  { name: 'event_key', kind: 'text' },
  { name: 'uti', kind: 'text' },
  { name: 'product', kind: 'text' },
  { name: 'desk', kind: 'text' },
  { name: 'execution_ts', kind: 'text' },
  { name: 'notional_leg1', kind: 'number' },
  { name: 'notional_currency_leg1', kind: 'text' },
  { name: 'ensemble_score', kind: 'number' },
  { name: 'model_version', kind: 'text' },
  { name: 'rule_hits', kind: 'text' },
  { name: 'detected_by', kind: 'text' },
  { name: 'review_status', kind: 'text' },
];

function periodSummary() {
  const byMonth = new Counter();
  const byProduct = new Counter();
  const byStatus = new Counter();
  return {
    add(row: readonly (string | null)[]) {
      byMonth.add((row[0] ?? '').slice(0, 7));
      byProduct.add(row[3] ?? '');
      byStatus.add(row[12] ?? '');
    },
    sheets() {
      const rows: SheetRow[] = [['Anomalies by month'], ['month', 'count']];
      for (const [k, n] of byMonth.entries()) rows.push([k, n]);
      rows.push([], ['Anomalies by product'], ['product', 'count']);
      for (const [k, n] of byProduct.entries()) rows.push([k, n]);
      rows.push([], ['Anomalies by review status'], ['review_status', 'count']);
      for (const [k, n] of byStatus.entries()) rows.push([k, n]);
      return [{ name: 'Summary', rows }];
    },
  };
}

export const PERIOD_REPORT_LAYOUT: ReportLayout = {
  columns: PERIOD_REPORT_COLUMNS,
  xml: { root: 'anomalyReport', record: 'anomaly' },
  summary: periodSummary,
};

/** The anomalies whose KST business date lies in [from, to), ordered for a reproducible file. */
export function periodReportSql(from: string, to: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new Error('bad period dates');
  return `SELECT a.business_date::text, a.event_key::text, a.uti, a.product, a.desk,
      to_char(a.execution_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      trim_scale(t.notional_leg1)::text, t.notional_currency_leg1, a.ensemble_score::text, a.model_version,
      (SELECT string_agg(h->>'rule', ';' ORDER BY h->>'rule') FROM jsonb_array_elements(a.rule_hits) h),
      a.detected_by, a.status
    FROM anomalies a
    LEFT JOIN trades t ON t.execution_ts = a.execution_ts AND t.event_key = a.event_key
    WHERE a.business_date >= '${from}'::date AND a.business_date < '${to}'::date
    ORDER BY a.business_date, a.execution_ts, a.event_key`;
}

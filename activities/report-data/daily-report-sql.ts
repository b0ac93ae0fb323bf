import { TRADE_COLUMNS } from '../../schemas/trade/fields';

const NUMERIC_TRADE = new Set(['notional_leg1', 'notional_leg2', 'fixed_rate_leg1', 'spread', 'price']);
const UTC_TS = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function isoLiteral(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new Error('invalid report period bound');
  return `'${d.toISOString()}'::timestamptz`;
}

/** A trade-record column as report text: timestamps in UTC, decimals without trailing zeros. */
function tradeColumn(c: string): string {
  if (c === 'execution_ts') return UTC_TS('t.execution_ts');
  if (NUMERIC_TRADE.has(c)) return `trim_scale(t.${c})::text`;
  if (c === 'effective_date' || c === 'expiration_date') return `t.${c}::text`;
  return `t.${c}`;
}

/**
 * The daily report's rows: every trade received in [start, end), normal and anomalous, with its score (LEFT JOIN:
 * an unscored trade has empty score fields) and its anomaly's review status. Ordered for a reproducible file.
 * `extraWhere` narrows it (a correction report's one trade event).
 */
export function dailyReportSql(start: Date, end: Date, extraWhere = ''): string {
  return `SELECT t.event_key::text, ${TRADE_COLUMNS.map(tradeColumn).join(', ')},
      ${UTC_TS('t.received_at')},
      CASE WHEN s.is_anomaly THEN 'Y' WHEN s.is_anomaly IS NOT NULL THEN 'N' END,
      s.ensemble_score::text,
      (SELECT string_agg(h->>'rule', ';' ORDER BY h->>'rule') FROM jsonb_array_elements(s.rule_hits) h),
      s.model_version,
      a.status
    FROM trades t
    LEFT JOIN trade_scores s ON s.execution_ts = t.execution_ts AND s.event_key = t.event_key
    LEFT JOIN anomalies a ON a.event_key = t.event_key
    WHERE t.received_at >= ${isoLiteral(start)} AND t.received_at < ${isoLiteral(end)} ${extraWhere}
    ORDER BY t.received_at, t.execution_ts, t.event_key`;
}

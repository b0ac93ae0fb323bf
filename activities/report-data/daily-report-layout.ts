import { TRADE_COLUMNS } from '../../schemas/trade/fields';
import {
  Counter,
  DecimalSum,
  type ReportColumn,
  type ReportLayout,
  type SheetRow,
} from '../report-render/report-layout';

const NUMERIC = new Set(['notional_leg1', 'notional_leg2', 'fixed_rate_leg1', 'spread', 'price', 'ensemble_score']);

/** The KTFC daily report's columns (DESIGN: KTFC daily report): the trade record, then the detection results. */
export const DAILY_REPORT_COLUMN_NAMES = [
  'event_key',
  ...TRADE_COLUMNS,
  'received_at',
  'anomaly_flag',
  'ensemble_score',
  'rule_hits',
  'model_version',
  'review_status',
] as const;

const COLUMNS: ReportColumn[] = DAILY_REPORT_COLUMN_NAMES.map((name) => ({
  name,
  kind: NUMERIC.has(name) ? 'number' : 'text',
}));
const at = (name: (typeof DAILY_REPORT_COLUMN_NAMES)[number]) => DAILY_REPORT_COLUMN_NAMES.indexOf(name);
const I = {
  product: at('product'),
  action: at('action_type'),
  n1: at('notional_leg1'),
  c1: at('notional_currency_leg1'),
  n2: at('notional_leg2'),
  c2: at('notional_currency_leg2'),
  flag: at('anomaly_flag'),
  review: at('review_status'),
};

/** Counts by product and action type, notional totals by currency (both legs), anomaly counts. */
function dailySummary() {
  const byProductAction = new Counter();
  const notionals = new Map<string, DecimalSum>();
  const flags = new Counter();
  const reviews = new Counter();
  const addNotional = (amount: string | null | undefined, currency: string | null | undefined) => {
    if (!amount || !currency) return;
    let sum = notionals.get(currency);
    if (!sum) notionals.set(currency, (sum = new DecimalSum()));
    sum.add(amount);
  };
  return {
    add(row: readonly (string | null)[]) {
      byProductAction.add(`${row[I.product]}\u0000${row[I.action]}`);
      addNotional(row[I.n1], row[I.c1]);
      addNotional(row[I.n2], row[I.c2]);
      const flag = row[I.flag];
      flags.add(flag === 'Y' ? 'anomalous' : flag === 'N' ? 'normal' : 'not scored');
      if (flag === 'Y') reviews.add(row[I.review] ?? 'no review');
    },
    sheets() {
      const rows: SheetRow[] = [['Counts by product and action type'], ['product', 'action_type', 'count']];
      for (const [key, n] of byProductAction.entries()) rows.push([...key.split('\u0000'), n]);
      rows.push([], ['Notional totals by currency (both legs)'], ['currency', 'notional_total']);
      for (const [currency, sum] of [...notionals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
        rows.push([currency, sum.toString()]);
      rows.push([], ['Anomaly counts'], ['decision', 'count']);
      for (const [k, n] of flags.entries()) rows.push([k, n]);
      rows.push([], ['Anomalies by review status'], ['review_status', 'count']);
      for (const [k, n] of reviews.entries()) rows.push([k, n]);
      return [{ name: 'Summary', rows }];
    },
  };
}

export const DAILY_REPORT_LAYOUT: ReportLayout = {
  columns: COLUMNS,
  xml: { root: 'ktfcDailyReport', record: 'trade' },
  summary: dailySummary,
};

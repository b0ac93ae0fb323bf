import type { Trade } from '../../../schemas/db/database';
import type { TradeRecord } from '../../../schemas/trade/fields';

/**
 * The part of a trade event the features read, with numbers parsed. Field names follow the trade record (and the
 * `trades` table) where the value is the record's own; `executionMs` is execution_ts as epoch milliseconds (UTC).
 * Enumerations are plain strings because rows read back from the database are not re-validated.
 */
export interface FeatureTrade {
  event_key: string;
  uti: string;
  action_type: string;
  product: string;
  notional_leg1: number;
  notional_currency_leg1: string;
  notional_currency_leg2: string | null;
  fixed_rate_leg1: number | null;
  price: number | null;
  spread: number | null;
  executionMs: number;
  /** `YYYY-MM-DD`. */
  effective_date: string;
  /** `YYYY-MM-DD`. */
  expiration_date: string;
  counterparty_1: string;
  counterparty_2: string;
  counterparty_2_id_type: string;
  cleared: string;
  desk: string | null;
  trader_id: string | null;
}

/**
 * The `trades` columns `fromTradeRow` needs, so a repository can select only these.
 *
 * @example db.selectFrom('trades').select(FEATURE_TRADE_COLUMNS).where(…).execute()
 */
export const FEATURE_TRADE_COLUMNS = [
  'event_key',
  'uti',
  'action_type',
  'product',
  'notional_leg1',
  'notional_currency_leg1',
  'notional_currency_leg2',
  'fixed_rate_leg1',
  'price',
  'spread',
  'execution_ts',
  'effective_date',
  'expiration_date',
  'counterparty_1',
  'counterparty_2',
  'counterparty_2_id_type',
  'cleared',
  'desk',
  'trader_id',
] as const satisfies readonly (keyof Trade)[];

export type FeatureTradeRow = Pick<Trade, (typeof FEATURE_TRADE_COLUMNS)[number]>;

/** A validated record (decimals as canonical strings, execution_ts UTC ISO) with the event key it is stored under. */
export function fromTradeRecord(record: TradeRecord, eventKey: string): FeatureTrade {
  const executionMs = Date.parse(record.execution_ts);
  if (!Number.isFinite(executionMs)) throw new Error(`execution_ts ${record.execution_ts} is not a timestamp`);
  return {
    event_key: eventKey,
    uti: record.uti,
    action_type: record.action_type,
    product: record.product,
    notional_leg1: requiredNumber('notional_leg1', record.notional_leg1),
    notional_currency_leg1: record.notional_currency_leg1,
    notional_currency_leg2: record.notional_currency_leg2,
    fixed_rate_leg1: optionalNumber('fixed_rate_leg1', record.fixed_rate_leg1),
    price: optionalNumber('price', record.price),
    spread: optionalNumber('spread', record.spread),
    executionMs,
    effective_date: record.effective_date,
    expiration_date: record.expiration_date,
    counterparty_1: record.counterparty_1,
    counterparty_2: record.counterparty_2,
    counterparty_2_id_type: record.counterparty_2_id_type,
    cleared: record.cleared,
    desk: record.desk,
    trader_id: record.trader_id,
  };
}

/** A row of the `trades` table as `pg` returns it: numerics and dates as text, timestamps as Date. */
export function fromTradeRow(row: FeatureTradeRow): FeatureTrade {
  return {
    event_key: row.event_key,
    uti: row.uti,
    action_type: row.action_type,
    product: row.product,
    notional_leg1: requiredNumber('notional_leg1', row.notional_leg1),
    // char(3) columns come back padded only if shorter than 3, which a validated code never is; trim anyway.
    notional_currency_leg1: row.notional_currency_leg1.trim(),
    notional_currency_leg2: row.notional_currency_leg2?.trim() ?? null,
    fixed_rate_leg1: optionalNumber('fixed_rate_leg1', row.fixed_rate_leg1),
    price: optionalNumber('price', row.price),
    spread: optionalNumber('spread', row.spread),
    executionMs: row.execution_ts.getTime(),
    effective_date: dateText(row.effective_date),
    expiration_date: dateText(row.expiration_date),
    counterparty_1: row.counterparty_1.trim(),
    counterparty_2: row.counterparty_2,
    counterparty_2_id_type: row.counterparty_2_id_type,
    cleared: row.cleared,
    desk: row.desk,
    trader_id: row.trader_id,
  };
}

function requiredNumber(field: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${field} '${text}' is not a number`);
  return value;
}

function optionalNumber(field: string, text: string | null): number | null {
  return text === null ? null : requiredNumber(field, text);
}

/**
 * `YYYY-MM-DD` of a `date` column. Our connection returns dates as text; a pool without that type parser hands
 * back a Date at local midnight of the stored date, whose local calendar fields are that date in any time zone.
 */
function dateText(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(value.getFullYear()).padStart(4, '0')}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

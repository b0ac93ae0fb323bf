import { TRADE_COLUMNS } from '../../schemas/trade/fields';
import type { TradeRow } from './trade-terms';

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted (inner quotes doubled) only when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record without its line ending. */
export function csvRecord(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvField(values[i] as string);
  return line;
}

export const TRADE_HEADER = TRADE_COLUMNS.join(',');

/** A trade row as a CSV record in TRADE_COLUMNS order. */
export function tradeRecord(row: TradeRow): string {
  let line = csvField(row[TRADE_COLUMNS[0]]);
  for (let i = 1; i < TRADE_COLUMNS.length; i++) line += ',' + csvField(row[TRADE_COLUMNS[i] as (typeof TRADE_COLUMNS)[number]]);
  return line;
}

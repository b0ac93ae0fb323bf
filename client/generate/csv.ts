import { TRADE_COLUMNS, type TradeColumn } from '../../schemas/trade/fields';
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

/**
 * A trade row as a CSV record in TRADE_COLUMNS order, without its line ending. Built with one join, which yields
 * a flat string: encoding it is then cheap, unlike a rope of fifty concatenations.
 */
export function tradeRecord(row: TradeRow): string {
  const values = new Array<string>(TRADE_COLUMNS.length);
  for (let i = 0; i < TRADE_COLUMNS.length; i++) values[i] = csvField(row[TRADE_COLUMNS[i] as TradeColumn]);
  return values.join(',');
}

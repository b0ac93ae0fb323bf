import type { RawTradeRow, TradeRecord, TradeColumn } from '../../schemas/trade/fields';
import { validateTrade } from '../../schemas/trade/validate-trade';
import type { CsvRecord } from './csv-record-splitter';
import type { HeaderLayout } from './trade-file-header';

export type RecordOutcome = { ok: true; record: TradeRecord } | { ok: false; reasons: string[] };

/** Turns one CSV record into a validated trade or the complete list of reasons it is rejected. */
export function evaluateRecord(rec: CsvRecord, layout: HeaderLayout, nowMs: number, encoding: string): RecordOutcome {
  if (rec.error) return { ok: false, reasons: [rec.error] };
  const expected = layout.columns.length;
  if (rec.fields.length !== expected) {
    const hint = rec.fields.length < expected ? ' (missing columns, or a truncated line)' : ' (extra columns)';
    return { ok: false, reasons: [`expected ${expected} fields as in the header, found ${rec.fields.length}${hint}`] };
  }
  const reasons: string[] = [];
  if (rec.raw.includes('\uFFFD')) reasons.push(`the line contains bytes that are not valid ${encoding}`);
  const row: RawTradeRow = {};
  for (let i = 0; i < expected; i++) {
    const column: TradeColumn | null | undefined = layout.columns[i];
    if (column) row[column] = rec.fields[i] as string;
  }
  const result = validateTrade(row, nowMs);
  if (!result.ok) return { ok: false, reasons: [...reasons, ...result.reasons] };
  return reasons.length ? { ok: false, reasons } : result;
}

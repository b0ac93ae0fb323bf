import type { RawTradeRow, TradeRecord } from '../../schemas/trade/fields';
import { validateTrade } from '../../schemas/trade/validate-trade';
import type { CsvRecord } from './csv-record-splitter';
import type { HeaderLayout } from './trade-file-header';

export type RecordOutcome = { ok: true; record: TradeRecord } | { ok: false; reasons: string[] };

/**
 * A function that turns one CSV record of this file into a validated trade or the complete list of reasons it is
 * rejected. The row object is built by code generated for the file's column order, so every row has one shape.
 */
export function recordEvaluator(
  layout: HeaderLayout,
  nowMs: number,
  encoding: string,
): (rec: CsvRecord) => RecordOutcome {
  const expected = layout.columns.length;
  const assignments = layout.columns
    .map((column, i) => (column ? `${JSON.stringify(column)}: f[${i}]` : null))
    .filter((a) => a !== null);
  // Column names come from our own fixed list (TradeColumn), never from file text.
  const buildRow = new Function('f', `return { ${assignments.join(', ')} };`) as (fields: string[]) => RawTradeRow;
  return (rec) => {
    if (rec.error) return { ok: false, reasons: [rec.error] };
    if (rec.fields.length !== expected) {
      const hint = rec.fields.length < expected ? ' (missing columns, or a truncated line)' : ' (extra columns)';
      return {
        ok: false,
        reasons: [`expected ${expected} fields as in the header, found ${rec.fields.length}${hint}`],
      };
    }
    const result = validateTrade(buildRow(rec.fields), nowMs);
    if (rec.raw.includes('\uFFFD')) {
      const reason = `the line contains bytes that are not valid ${encoding}`;
      return { ok: false, reasons: result.ok ? [reason] : [reason, ...result.reasons] };
    }
    return result;
  };
}

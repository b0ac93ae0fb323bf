import { TRADE_COLUMNS, type TradeRecord } from '../../schemas/trade/fields';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in PostgreSQL COPY text format (tab-separated, \N for null). NUL cannot be stored in text. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  if (!NEEDS_ESCAPE.test(text) && !text.includes('\u0000')) return text;
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u0000/g, '\u2400');
}

/** A staging line: line number then every trade column in TRADE_COLUMNS order. */
export function tradeCopyLine(lineNo: number, record: TradeRecord): string {
  let out = String(lineNo);
  for (const column of TRADE_COLUMNS) out += '\t' + copyValue(record[column]);
  return out + '\n';
}

/** A PostgreSQL text[] literal, itself then escaped for COPY. */
export function textArrayLiteral(items: readonly string[]): string {
  return '{' + items.map((item) => '"' + item.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}';
}

/** A rejected_rows line: file id, line number, raw text (NUL shown as U+2400), reasons. */
export function rejectCopyLine(fileId: number, lineNo: number, raw: string, reasons: readonly string[]): string {
  return `${fileId}\t${lineNo}\t${copyValue(raw)}\t${copyValue(textArrayLiteral(reasons))}\n`;
}

import type { TradeRecord } from '../../schemas/trade/fields';

// eslint-disable-next-line no-control-regex -- NUL has to be found to be replaced: PostgreSQL text cannot hold it.
const NEEDS_ESCAPE = /[\\\t\n\r\u0000]/;

/** One value in PostgreSQL COPY text format (tab-separated, \N for null). NUL cannot be stored in text. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  if (!NEEDS_ESCAPE.test(text)) return text;
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/\t/g, '\\t')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      // eslint-disable-next-line no-control-regex -- as above
      .replace(/\u0000/g, '\u2400')
  );
}

const n = (v: string | null) => (v === null ? '\\N' : v);

/**
 * The record's columns in TRADE_COLUMNS order as COPY text. Validated formats (codes, LEIs, decimals, dates)
 * cannot hold tabs, newlines or backslashes, so only the free-text columns are escaped. This text is also the
 * record's canonical form, whose md5 is its event key.
 */
export function tradeCopyText(r: TradeRecord): string {
  return `${r.uti}\t${n(r.prior_uti)}\t${r.action_type}\t${n(r.event_type)}\t${r.counterparty_1}\t${copyValue(r.counterparty_2)}\t${r.counterparty_2_id_type}\t${r.product}\t${r.asset_class}\t${r.notional_leg1}\t${r.notional_currency_leg1}\t${n(r.notional_leg2)}\t${n(r.notional_currency_leg2)}\t${n(r.fixed_rate_leg1)}\t${copyValue(r.floating_index_leg2)}\t${n(r.spread)}\t${n(r.price)}\t${r.execution_ts}\t${r.effective_date}\t${r.expiration_date}\t${r.cleared}\t${n(r.central_counterparty)}\t${n(r.platform_id)}\t${copyValue(r.desk)}\t${copyValue(r.trader_id)}\t${copyValue(r.source_system)}\t${copyValue(r.source_trade_id)}`;
}

/** Leading columns of a `trades` COPY line; the record text and its md5 event key follow (see SegmentWriter). */
export function tradeCopyPrefix(fileId: number, lineNo: number): string {
  return `${fileId}\t${lineNo}\tfile\t`;
}

/** A PostgreSQL text[] literal, itself then escaped for COPY. */
export function textArrayLiteral(items: readonly string[]): string {
  return '{' + items.map((item) => '"' + item.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}';
}

/** A rejected_rows line: file id, line number, raw text (NUL shown as U+2400), reasons. */
export function rejectCopyLine(fileId: number, lineNo: number, raw: string, reasons: readonly string[]): string {
  return `${fileId}\t${lineNo}\t${copyValue(raw)}\t${copyValue(textArrayLiteral(reasons))}\n`;
}

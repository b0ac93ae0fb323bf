import {
  ACTIONS_WITHOUT_EVENT,
  PRODUCT_ASSET_CLASS,
  TRADE_COLUMNS,
  TWO_CURRENCY_PRODUCTS,
  type Product,
  type TradeColumn,
} from '../../../schemas/trade/fields';
import type { HeaderLayout } from '../trade-file-header';
import * as check from './byte-checks';
import { plainText, wellFormedText } from './byte-text';
import { writeCanonicalDecimal } from './byte-decimal';
import { writeUtcTimestamp } from './byte-timestamp';
import { splitLine } from './split-line';

/** Writes one trade COPY line from a row's bytes, or returns -1 to leave the row to validateTrade. */
export type FastRowWriter = (buf: Uint8Array, s: number, e: number, out: Uint8Array, at: number) => number;

const NOTIONAL = { signed: false, intDigits: 20, fractionDigits: 5, totalDigits: 25 };
const RATE = { signed: true, intDigits: 18, fractionDigits: 10, totalDigits: 18 };
const ACTIONS = check.words(['NEWT', 'MODI', 'TERM', ...ACTIONS_WITHOUT_EVENT]);
const FIRST_WITHOUT_EVENT = 3;
const EVENTS = check.words(['TRAD', 'NOVA', 'COMP', 'ETRM', 'CLRG', 'EXER', 'UPDT']);
const ID_TYPES = check.words(['LEI', 'CLIENT']);
const PRODUCT_NAMES = Object.keys(PRODUCT_ASSET_CLASS) as Product[];
const PRODUCTS = check.words(PRODUCT_NAMES);
const PRODUCT_CLASSES = check.words(PRODUCT_NAMES.map((p) => PRODUCT_ASSET_CLASS[p]));
const TWO_CURRENCY = PRODUCT_NAMES.map((p) => TWO_CURRENCY_PRODUCTS.includes(p));
const CLEARED = check.words(['Y', 'N', 'I']);
const COPY = 0;
const TIMESTAMP = 1;
const NOTIONAL_KIND = 2;
const RATE_KIND = 3;
const NOTIONAL_COLUMNS: ReadonlySet<string> = new Set(['notional_leg1', 'notional_leg2']);
const RATE_COLUMNS: ReadonlySet<string> = new Set(['fixed_rate_leg1', 'spread', 'price']);

/**
 * The fast path of a UTF-8 file's rows: for a row that validateTrade would accept, changing at most its decimals
 * and execution_ts, it writes the same COPY text (tradeCopyText) straight from the source bytes, with no strings
 * and no objects per row. Any doubt (a field that fails a check or needs trimming, a stray quote, a control
 * character, a backslash, malformed UTF-8) returns -1 and the row takes the full path, which decides and
 * explains. Unit tests compare both paths row by row (test/unit/ingest/fast-trade-row.test.ts).
 */
export function fastRowWriter(layout: HeaderLayout, nowMs: number): FastRowWriter {
  const expected = layout.columns.length;
  const starts = new Int32Array(expected + 1);
  const ends = new Int32Array(expected + 1);
  // Field index per trade column; columns the file lacks point at an always-empty slot.
  const at = (column: TradeColumn) => {
    const i = layout.columns.indexOf(column);
    return i === -1 ? expected : i;
  };
  const order = Int32Array.from(TRADE_COLUMNS, at);
  const fUti = at('uti');
  const fPrior = at('prior_uti');
  const fAction = at('action_type');
  const fEvent = at('event_type');
  const fCp1 = at('counterparty_1');
  const fCp2 = at('counterparty_2');
  const fIdType = at('counterparty_2_id_type');
  const fProduct = at('product');
  const fClass = at('asset_class');
  const fN1 = at('notional_leg1');
  const fC1 = at('notional_currency_leg1');
  const fN2 = at('notional_leg2');
  const fC2 = at('notional_currency_leg2');
  const fFixed = at('fixed_rate_leg1');
  const fIndex = at('floating_index_leg2');
  const fPrice = at('price');
  const fEff = at('effective_date');
  const fExp = at('expiration_date');
  const fCleared = at('cleared');
  const fCcp = at('central_counterparty');
  const fMic = at('platform_id');
  const textFields = Int32Array.from(['desk', 'trader_id', 'source_system', 'source_trade_id'] as const, at);
  // Columns the file adds are not read, but the full path rejects a line holding malformed text or a stray quote.
  const extraFields = Int32Array.from(layout.columns.flatMap((column, i) => (column ? [] : [i])));
  // How each column is written: copied, or normalised as validateTrade does.
  const kinds = Int8Array.from(TRADE_COLUMNS, (column) =>
    column === 'execution_ts'
      ? TIMESTAMP
      : NOTIONAL_COLUMNS.has(column)
        ? NOTIONAL_KIND
        : RATE_COLUMNS.has(column)
          ? RATE_KIND
          : COPY,
  );

  const s = (f: number) => starts[f]!;
  const e = (f: number) => ends[f]!;
  const has = (f: number) => ends[f]! > starts[f]!;

  function valid(buf: Uint8Array): boolean {
    if (!check.uti(buf, s(fUti), e(fUti))) return false;
    if (has(fPrior) && !check.uti(buf, s(fPrior), e(fPrior))) return false;
    const action = check.wordIndex(buf, s(fAction), e(fAction), ACTIONS);
    if (action < 0) return false;
    if (action >= FIRST_WITHOUT_EVENT ? has(fEvent) : check.wordIndex(buf, s(fEvent), e(fEvent), EVENTS) < 0) {
      return false;
    }
    if (!check.lei(buf, s(fCp1), e(fCp1))) return false;
    const idType = check.wordIndex(buf, s(fIdType), e(fIdType), ID_TYPES);
    if (idType === 0 ? !check.lei(buf, s(fCp2), e(fCp2)) : idType !== 1) return false;
    if (idType === 1 && !check.charsOf(buf, s(fCp2), e(fCp2), 50, check.clientCodeByte)) return false;
    const product = check.wordIndex(buf, s(fProduct), e(fProduct), PRODUCTS);
    if (product < 0 || !sameBytes(buf, s(fClass), e(fClass), PRODUCT_CLASSES[product]!)) return false;
    // Decimals are checked while they are written; here only whether they are present.
    if (!has(fN1) || !check.currency(buf, s(fC1), e(fC1))) return false;
    const leg2 = has(fN2) || has(fC2) || TWO_CURRENCY[product] === true;
    if (leg2 && !(has(fN2) && check.currency(buf, s(fC2), e(fC2)))) return false;
    if (!has(fFixed) && !has(fPrice)) return false;
    // An index name may hold spaces, but not at its ends (those are trimmed).
    if (has(fIndex) && !check.charsOf(buf, s(fIndex), e(fIndex), 50, check.indexNameByte)) return false;
    if (has(fIndex) && (buf[s(fIndex)] === 32 || buf[e(fIndex) - 1] === 32)) return false;
    // execution_ts is checked while it is written.
    if (!check.date(buf, s(fEff), e(fEff)) || !check.date(buf, s(fExp), e(fExp))) return false;
    if (check.compareBytes(buf, s(fExp), e(fExp), s(fEff), e(fEff)) < 0) return false;
    const cleared = check.wordIndex(buf, s(fCleared), e(fCleared), CLEARED);
    if (cleared < 0) return false;
    if (cleared === 0 || has(fCcp) ? !check.lei(buf, s(fCcp), e(fCcp)) : false) return false;
    if (has(fMic) && !check.mic(buf, s(fMic), e(fMic))) return false;
    for (const f of textFields) if (has(f) && !plainText(buf, s(f), e(f))) return false;
    for (const f of extraFields) if (wellFormedText(buf, s(f), e(f)) < 0) return false;
    return true;
  }

  return (buf, lineStart, lineEnd, out, pos) => {
    if (!splitLine(buf, lineStart, lineEnd, expected, starts, ends)) return -1;
    starts[expected] = ends[expected] = 0;
    if (!valid(buf)) return -1;
    let o = pos;
    for (let c = 0; c < order.length; c++) {
      if (c > 0) out[o++] = 9;
      const f = order[c]!;
      const fs = starts[f]!;
      const fe = ends[f]!;
      const kind = kinds[c];
      if (fe === fs) {
        if (kind === TIMESTAMP) return -1;
        out[o++] = 92; // \N
        out[o++] = 78;
      } else if (kind === COPY) {
        for (let i = fs; i < fe; i++) out[o++] = buf[i]!;
      } else {
        o =
          kind === TIMESTAMP
            ? writeUtcTimestamp(buf, fs, fe, nowMs, out, o)
            : writeCanonicalDecimal(buf, fs, fe, kind === NOTIONAL_KIND ? NOTIONAL : RATE, out, o);
        if (o < 0) return -1;
      }
    }
    return o;
  };
}

function sameBytes(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word[i]) return false;
  return true;
}

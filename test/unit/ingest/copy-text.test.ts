import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  copyValue,
  rejectCopyLine,
  textArrayLiteral,
  tradeCopyPrefix,
  tradeCopyText,
} from '../../../activities/ingest/copy-text';
import { TRADE_COLUMNS, type TradeColumn, type TradeRecord } from '../../../schemas/trade/fields';
import { validateTrade } from '../../../schemas/trade/validate-trade';
import { validRow } from '../../support/trade-rows';

const NOW = Date.UTC(2026, 10, 21);

const hasAny = (text: string, chars: string) => [...chars].some((ch) => text.includes(ch));

/** Reads one COPY text field back, as PostgreSQL does: \N alone is null, backslash escapes otherwise. */
function readCopyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, ch: string) => ({ t: '\t', n: '\n', r: '\r' })[ch] ?? ch);
}

/** Reads a PostgreSQL array literal of quoted elements back into its items. */
function readArrayLiteral(literal: string): string[] {
  assert.ok(literal.startsWith('{') && literal.endsWith('}'), literal);
  const items: string[] = [];
  const body = literal.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    assert.equal(body[i], '"', `element starts with a quote at ${i} in ${literal}`);
    let item = '';
    for (i++; body[i] !== '"'; i++) {
      if (body[i] === '\\') i++;
      assert.ok(i < body.length, 'unterminated element');
      item += body[i];
    }
    items.push(item);
    i++;
    if (i < body.length) assert.equal(body[i++], ',');
  }
  return items;
}

function validRecord(overrides: Partial<TradeRecord> = {}): TradeRecord {
  const result = validateTrade(validRow(1), NOW);
  assert.ok(result.ok, result.ok ? '' : result.reasons.join('; '));
  return { ...result.record, ...overrides };
}

const FREE_TEXT_COLUMNS: readonly TradeColumn[] = [
  'counterparty_2',
  'floating_index_leg2',
  'desk',
  'trader_id',
  'source_system',
  'source_trade_id',
];

const NULLABLE_COLUMNS = [
  'prior_uti',
  'event_type',
  'notional_leg2',
  'notional_currency_leg2',
  'fixed_rate_leg1',
  'floating_index_leg2',
  'spread',
  'price',
  'central_counterparty',
  'platform_id',
  'desk',
  'trader_id',
  'source_system',
  'source_trade_id',
] as const satisfies readonly TradeColumn[];

describe('copyValue', () => {
  it('passes plain text, Korean text and the empty string through unchanged', () => {
    assert.equal(copyValue('KRW-CD-3M'), 'KRW-CD-3M');
    assert.equal(copyValue('금리스왑데스크'), '금리스왑데스크');
    assert.equal(copyValue(''), '');
  });

  it('writes null as \\N and numbers as their decimal text', () => {
    assert.equal(copyValue(null), '\\N');
    assert.equal(copyValue(42), '42');
    assert.equal(copyValue(0.5), '0.5');
  });

  it('escapes backslash, tab, LF and CR', () => {
    assert.equal(copyValue('a\\b'), 'a\\\\b');
    assert.equal(copyValue('a\tb'), 'a\\tb');
    assert.equal(copyValue('a\nb'), 'a\\nb');
    assert.equal(copyValue('a\rb'), 'a\\rb');
    assert.equal(copyValue('\\N'), '\\\\N', 'a literal backslash-N is not null');
  });

  it('replaces NUL, which PostgreSQL text cannot hold, with U+2400', () => {
    assert.equal(copyValue('a\u0000b\u0000'), 'a\u2400b\u2400');
  });

  it('escapes every occurrence in mixed text, backslashes first', () => {
    const text = 'x\\t\t\r\n\\\u0000데스크\\';
    const escaped = copyValue(text);
    assert.equal(escaped, 'x\\\\t\\t\\r\\n\\\\\u2400데스크\\\\');
    assert.ok(!hasAny(escaped, '\t\n\r\u0000'), 'no raw tab, newline, CR or NUL');
    assert.equal(readCopyField(escaped), text.replaceAll('\u0000', '\u2400'));
  });
});

describe('textArrayLiteral', () => {
  it('writes an empty array as {}', () => {
    assert.equal(textArrayLiteral([]), '{}');
  });

  it('quotes every item and escapes quotes and backslashes', () => {
    assert.equal(textArrayLiteral(['a']), '{"a"}');
    assert.equal(textArrayLiteral(['say "hi"', 'C:\\dir']), String.raw`{"say \"hi\"","C:\\dir"}`);
  });

  it('keeps commas, braces, spaces and Korean inside the quotes', () => {
    const items = ['a, b', '{x}', ' NULL ', '거래 오류', ''];
    assert.deepEqual(readArrayLiteral(textArrayLiteral(items)), items);
  });
});

describe('rejectCopyLine', () => {
  it('writes file id, line number, escaped raw text and escaped reasons, tab-separated, ending in a newline', () => {
    const line = rejectCopyLine(7, 12, 'a\tb\\c', ['uti: is required', 'bad "x"', 'back\\slash']);
    assert.equal(line, '7\t12\ta\\tb\\\\c\t' + String.raw`{"uti: is required","bad \\"x\\"","back\\\\slash"}` + '\n');
  });

  it('round-trips raw text and reasons through COPY and array-literal parsing', () => {
    const raw = '1,"multi\r\nline",\\N,\u0000end';
    const reasons = ['action_type: must be one of NEWT, MODI', 'desk: contains "quotes" \\ and\ttabs\nand newlines'];
    const line = rejectCopyLine(3, 99, raw, reasons);
    assert.ok(line.endsWith('\n'));
    const fields = line.slice(0, -1).split('\t');
    assert.equal(fields.length, 4, 'no raw tab or newline inside a field');
    assert.equal(fields[0], '3');
    assert.equal(fields[1], '99');
    assert.equal(readCopyField(fields[2]!), raw.replaceAll('\u0000', '\u2400'));
    assert.deepEqual(readArrayLiteral(readCopyField(fields[3]!)!), reasons);
  });

  it('shows a NUL in a reason as U+2400', () => {
    const line = rejectCopyLine(1, 2, 'x', ['desk: a\u0000b']);
    assert.equal(line, '1\t2\tx\t{"desk: a\u2400b"}\n');
  });
});

describe('tradeCopyPrefix', () => {
  it('writes file id, line number and the source "file"', () => {
    assert.equal(tradeCopyPrefix(5, 1234), '5\t1234\tfile\t');
  });
});

describe('tradeCopyText', () => {
  it('writes the columns in TRADE_COLUMNS order, tab-separated, with no trailing newline', () => {
    const record = validRecord();
    const fields = tradeCopyText(record).split('\t');
    assert.equal(fields.length, TRADE_COLUMNS.length);
    assert.deepEqual(
      fields,
      TRADE_COLUMNS.map((c) => copyValue(record[c])),
    );
  });

  it('puts each column in its own position (distinct marker values)', () => {
    const marked = Object.fromEntries(TRADE_COLUMNS.map((c, i) => [c, `V${i}`])) as unknown as TradeRecord;
    assert.deepEqual(
      tradeCopyText(marked).split('\t'),
      TRADE_COLUMNS.map((_, i) => `V${i}`),
    );
  });

  it('writes \\N for every null column', () => {
    const nulls = Object.fromEntries(NULLABLE_COLUMNS.map((c) => [c, null]));
    const record = validRecord(nulls as Partial<TradeRecord>);
    const fields = tradeCopyText(record).split('\t');
    TRADE_COLUMNS.forEach((column, i) => {
      const expected = (NULLABLE_COLUMNS as readonly string[]).includes(column) ? '\\N' : record[column];
      assert.equal(fields[i], expected, column);
    });
  });

  it('escapes tabs, newlines, backslashes and NUL in the free-text columns', () => {
    const nasty = 'a\tb\nc\rd\\e\u0000f';
    const overrides = Object.fromEntries(FREE_TEXT_COLUMNS.map((c) => [c, `${c}:${nasty}`]));
    const text = tradeCopyText(validRecord(overrides as Partial<TradeRecord>));
    assert.ok(!hasAny(text, '\n\r\u0000'), 'no raw newline, CR or NUL');
    const fields = text.split('\t');
    assert.equal(fields.length, TRADE_COLUMNS.length);
    for (const column of FREE_TEXT_COLUMNS) {
      const field = fields[TRADE_COLUMNS.indexOf(column)]!;
      assert.equal(field, `${column}:a\\tb\\nc\\rd\\\\e\u2400f`);
      assert.equal(readCopyField(field), `${column}:${nasty.replace('\u0000', '\u2400')}`);
    }
  });

  it('leaves validated-format columns as they are (they cannot hold characters that need escaping)', () => {
    const record = validRecord({ notional_leg1: '1\\0', uti: 'U\\TI' });
    const fields = tradeCopyText(record).split('\t');
    assert.equal(fields[TRADE_COLUMNS.indexOf('notional_leg1')], '1\\0');
    assert.equal(fields[TRADE_COLUMNS.indexOf('uti')], 'U\\TI');
  });

  it('writes Korean free text unchanged', () => {
    const fields = tradeCopyText(validRecord()).split('\t');
    assert.equal(fields[TRADE_COLUMNS.indexOf('desk')], '금리스왑데스크');
  });
});

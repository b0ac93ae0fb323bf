import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHeader, type HeaderLayout } from '../../../activities/ingest/trade-file-header';
import { REQUIRED_COLUMNS, TRADE_COLUMNS } from '../../../schemas/trade/fields';
import { csvLine, validRow } from '../../support/trade-rows';

/** Checks a header line as the splitter hands it over: unquoted, so its fields are the comma-separated parts. */
function check(raw: string) {
  return checkHeader(raw.split(','), raw);
}

function layoutOf(raw: string): HeaderLayout {
  const result = check(raw);
  assert.ok(result.ok, `expected a layout, got: ${result.ok ? '' : result.error}`);
  return result.layout;
}

function errorOf(raw: string): string {
  const result = check(raw);
  assert.ok(!result.ok, 'expected an error');
  return result.error;
}

describe('checkHeader', () => {
  it('accepts every trade column in the documented order', () => {
    assert.deepEqual(layoutOf(TRADE_COLUMNS.join(',')), { columns: [...TRADE_COLUMNS], warnings: [] });
  });

  it('accepts only the required columns', () => {
    assert.deepEqual(layoutOf(REQUIRED_COLUMNS.join(',')), { columns: [...REQUIRED_COLUMNS], warnings: [] });
  });

  it('maps columns by name, in any order', () => {
    const reversed = [...TRADE_COLUMNS].reverse();
    assert.deepEqual(layoutOf(reversed.join(',')).columns, reversed);
  });

  it('normalises case and surrounding spaces', () => {
    const raw = TRADE_COLUMNS.map((c, i) => (i % 2 === 0 ? ` ${c.toUpperCase()} ` : `\t${c}`)).join(',');
    assert.deepEqual(layoutOf(raw), { columns: [...TRADE_COLUMNS], warnings: [] });
  });

  it('ignores a BOM left on the first name', () => {
    assert.deepEqual(layoutOf('\uFEFF' + TRADE_COLUMNS.join(',')).columns, [...TRADE_COLUMNS]);
  });

  it('ignores an unknown extra column with a warning, keeping its position as null', () => {
    const raw = ['Memo', ...REQUIRED_COLUMNS, 'book_id'].join(',');
    assert.deepEqual(layoutOf(raw), {
      columns: [null, ...REQUIRED_COLUMNS, null],
      warnings: ['ignored unknown column "memo"', 'ignored unknown column "book_id"'],
    });
  });

  it('rejects a column named twice, even in different case', () => {
    assert.equal(errorOf([...TRADE_COLUMNS, 'desk'].join(',')), 'the header names column "desk" twice');
    assert.equal(errorOf([...TRADE_COLUMNS, ' UTI'].join(',')), 'the header names column "uti" twice');
  });

  it('rejects an unknown column named twice', () => {
    assert.equal(errorOf([...TRADE_COLUMNS, 'memo', 'MEMO'].join(',')), 'the header names column "memo" twice');
  });

  it('names every missing required column, in the documented order', () => {
    const raw = TRADE_COLUMNS.filter((c) => c !== 'cleared' && c !== 'uti' && c !== 'product').join(',');
    assert.equal(errorOf(raw), 'the header is missing required column(s): uti, product, cleared');
  });

  it('names a single missing required column', () => {
    const raw = REQUIRED_COLUMNS.filter((c) => c !== 'execution_ts').join(',');
    assert.equal(errorOf(raw), 'the header is missing required column(s): execution_ts');
  });

  for (const [delimiter, name] of [
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ] as const) {
    it(`rejects a ${name}-delimited header, naming the delimiter`, () => {
      assert.equal(
        errorOf(TRADE_COLUMNS.join(delimiter)),
        `wrong delimiter: the header is ${name}-separated; trade files must be comma-separated`,
      );
    });
  }

  it('rejects a data line as the header as "no header row", listing the required columns', () => {
    const error = errorOf(csvLine(validRow(1)));
    assert.equal(
      error,
      `no header row: the first line names no trade columns (expected ${REQUIRED_COLUMNS.join(', ')})`,
    );
  });

  it('rejects a blank first line as "no header row"', () => {
    assert.match(errorOf(''), /^no header row/);
  });

  it('rejects a single unknown name as "no header row"', () => {
    assert.match(errorOf('hello'), /^no header row/);
  });
});

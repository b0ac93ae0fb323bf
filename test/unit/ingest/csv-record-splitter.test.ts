import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvRecordSplitter, type CsvRecord } from '../../../activities/ingest/csv-record-splitter';

/** Feeds `pieces` one push each, then ends; returns every record in order. */
function split(pieces: readonly string[], maxRecordChars?: number): CsvRecord[] {
  const splitter = new CsvRecordSplitter(maxRecordChars);
  const records: CsvRecord[] = [];
  for (const piece of pieces) records.push(...splitter.push(piece));
  records.push(...splitter.end());
  return records;
}

/** The text cut into pieces of `size` characters. */
function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

const rec = (line: number, fields: string[], raw: string): CsvRecord => ({ line, fields, raw });

/**
 * Every hard case at once: CRLF and LF endings, quoted commas, doubled quotes, LF and CRLF inside quotes, a quoted
 * CR, blank lines (LF and CRLF), an empty quoted field, a record starting with a quote, and a last line without a
 * newline that ends in a quoted field.
 */
const MIXED =
  'id,name,note\r\n' +
  '1,"Kim, Cheolsu","said ""hi"""\r\n' +
  '2,"two\nlines",x\n' +
  '\n' +
  '3,"crlf\r\ninside","a\r"\r\n' +
  '\r\n' +
  '"4",,""\n' +
  '5,금리스왑,"끝"';

const MIXED_RECORDS: CsvRecord[] = [
  rec(1, ['id', 'name', 'note'], 'id,name,note'),
  rec(2, ['1', 'Kim, Cheolsu', 'said "hi"'], '1,"Kim, Cheolsu","said ""hi"""'),
  rec(3, ['2', 'two\nlines', 'x'], '2,"two\nlines",x'),
  rec(5, [''], ''),
  rec(6, ['3', 'crlf\r\ninside', 'a\r'], '3,"crlf\r\ninside","a\r"'),
  rec(8, [''], ''),
  rec(9, ['4', '', ''], '"4",,""'),
  rec(10, ['5', '금리스왑', '끝'], '5,금리스왑,"끝"'),
];

describe('CsvRecordSplitter', () => {
  describe('line endings', () => {
    it('splits LF-terminated lines into records numbered from 1', () => {
      assert.deepEqual(split(['a,b\nc,d\n']), [rec(1, ['a', 'b'], 'a,b'), rec(2, ['c', 'd'], 'c,d')]);
    });

    it('splits CRLF-terminated lines and keeps the CR out of fields and raw', () => {
      assert.deepEqual(split(['a,b\r\nc,d\r\n']), [rec(1, ['a', 'b'], 'a,b'), rec(2, ['c', 'd'], 'c,d')]);
    });

    it('strips the CR before LF after a quoted last field too', () => {
      assert.deepEqual(split(['a,"b"\r\nc\r\n']), [rec(1, ['a', 'b'], 'a,"b"'), rec(2, ['c'], 'c')]);
    });

    it('yields nothing for empty input', () => {
      assert.deepEqual(split([]), []);
      assert.deepEqual(split(['', '']), []);
    });

    it('keeps empty fields, including a trailing one', () => {
      assert.deepEqual(split([',a,,\n']), [rec(1, ['', 'a', '', ''], ',a,,')]);
    });
  });

  describe('quoted fields', () => {
    it('keeps commas inside quotes and unescapes doubled quotes', () => {
      const line = '1,"a,b","say ""hi""",""""';
      assert.deepEqual(split([line + '\n']), [rec(1, ['1', 'a,b', 'say "hi"', '"'], line)]);
    });

    it('keeps an embedded LF and counts it in the following line numbers', () => {
      const records = split(['1,"x\ny\nz",2\n3,4\n']);
      assert.deepEqual(records, [rec(1, ['1', 'x\ny\nz', '2'], '1,"x\ny\nz",2'), rec(4, ['3', '4'], '3,4')]);
    });

    it('keeps an embedded CRLF as data and counts it in the following line numbers', () => {
      const records = split(['1,"p\r\nq"\r\n2\r\n']);
      assert.deepEqual(records, [rec(1, ['1', 'p\r\nq'], '1,"p\r\nq"'), rec(3, ['2'], '2')]);
    });

    it('keeps a CR that is inside quotes at the end of the last field', () => {
      assert.deepEqual(split(['x,"a\r"\r\ny\n']), [rec(1, ['x', 'a\r'], 'x,"a\r"'), rec(2, ['y'], 'y')]);
      assert.deepEqual(split(['x,"a\r"']), [rec(1, ['x', 'a\r'], 'x,"a\r"')]);
    });

    it('counts newlines in a field that holds doubled quotes around newlines', () => {
      const records = split(['"a""\n""b"\nc\n']);
      assert.deepEqual(records, [rec(1, ['a"\n"b'], '"a""\n""b"'), rec(3, ['c'], 'c')]);
    });

    it('parses the mixed sample as expected', () => {
      assert.deepEqual(split([MIXED]), MIXED_RECORDS);
    });

    it('numbers each record after the previous one plus the newlines inside it', () => {
      const records = split([MIXED]);
      for (let k = 1; k < records.length; k++) {
        const previous = records[k - 1]!;
        const embedded = previous.raw.split('\n').length - 1;
        assert.equal(records[k]!.line, previous.line + 1 + embedded, `record ${k}`);
      }
    });
  });

  describe('split points', () => {
    it('gives the same records for the text split into two pushes at every index', () => {
      for (let i = 0; i <= MIXED.length; i++) {
        assert.deepEqual(split([MIXED.slice(0, i), MIXED.slice(i)]), MIXED_RECORDS, `split at ${i}`);
      }
    });

    it('gives the same records for the text split into three pushes at every pair of indexes', () => {
      for (let i = 0; i <= MIXED.length; i++) {
        for (let j = i; j <= MIXED.length; j++) {
          const pieces = [MIXED.slice(0, i), MIXED.slice(i, j), MIXED.slice(j)];
          assert.deepEqual(split(pieces), MIXED_RECORDS, `split at ${i} and ${j}`);
        }
      }
    });

    it('gives the same records for the text fed one character at a time', () => {
      assert.deepEqual(split([...MIXED]), MIXED_RECORDS);
    });

    it('covers splits inside a quoted field, between CR and LF, and right after a closing quote', () => {
      const cases = [
        { name: 'inside a quoted field', at: MIXED.indexOf('Cheolsu') },
        { name: 'inside an embedded CRLF', at: MIXED.indexOf('\r\ninside') + 1 },
        { name: 'between CR and LF of a line ending', at: MIXED.indexOf('""hi"""\r\n') + 8 },
        { name: 'right after a closing quote', at: MIXED.indexOf('"two\nlines"') + 11 },
        { name: 'right after a closing quote at the very end', at: MIXED.length },
        { name: 'between the two quotes of a doubled quote', at: MIXED.indexOf('""hi') + 1 },
      ];
      assert.equal(MIXED[cases[1]!.at - 1], '\r');
      assert.equal(MIXED[cases[2]!.at - 1], '\r');
      assert.equal(MIXED[cases[2]!.at], '\n');
      assert.equal(MIXED[cases[3]!.at - 1], '"');
      for (const { name, at } of cases) {
        assert.ok(at > 0, name);
        assert.deepEqual(split([MIXED.slice(0, at), MIXED.slice(at)]), MIXED_RECORDS, name);
      }
    });

    it('yields a complete record as soon as its newline arrives, and holds back a line until then', () => {
      const splitter = new CsvRecordSplitter();
      assert.deepEqual([...splitter.push('a,b')], []);
      assert.deepEqual([...splitter.push('\r')], []);
      assert.deepEqual([...splitter.push('\nc,"d')], [rec(1, ['a', 'b'], 'a,b')]);
      assert.deepEqual([...splitter.push('"')], []);
      assert.deepEqual([...splitter.push('\n')], [rec(2, ['c', 'd'], 'c,"d"')]);
      assert.deepEqual([...splitter.end()], []);
    });
  });

  describe('blank lines and the last line', () => {
    it('yields a blank line as a record with raw "" and one empty field', () => {
      assert.deepEqual(split(['a\n\n\r\nb\n']), [
        rec(1, ['a'], 'a'),
        rec(2, [''], ''),
        rec(3, [''], ''),
        rec(4, ['b'], 'b'),
      ]);
    });

    it('yields a last line without a newline only at end()', () => {
      const splitter = new CsvRecordSplitter();
      assert.deepEqual([...splitter.push('a,b\nc,d')], [rec(1, ['a', 'b'], 'a,b')]);
      assert.deepEqual([...splitter.end()], [rec(2, ['c', 'd'], 'c,d')]);
    });

    it('yields a quoted last line without a newline at end()', () => {
      assert.deepEqual(split(['a\n"x,y"']), [rec(1, ['a'], 'a'), rec(2, ['x,y'], '"x,y"')]);
    });

    it('strips a CR left at the very end of the input', () => {
      assert.deepEqual(split(['a,b\r']), [rec(1, ['a', 'b'], 'a,b')]);
    });
  });

  describe('unclosed quotes', () => {
    const UNCLOSED = 'h\n1,"abc\n2,x\r\n3,y\n';
    const UNCLOSED_RECORDS: CsvRecord[] = [
      rec(1, ['h'], 'h'),
      { line: 2, fields: [], raw: '1,"abc', error: 'unclosed quote: the quoted field never ends' },
      rec(3, ['2', 'x'], '2,x'),
      rec(4, ['3', 'y'], '3,y'),
    ];

    it('rejects only the first physical line of a quote left open to the end of input, then resumes', () => {
      assert.deepEqual(split([UNCLOSED]), UNCLOSED_RECORDS);
    });

    it('gives the same result for an unclosed quote at every split point', () => {
      for (let i = 0; i <= UNCLOSED.length; i++) {
        assert.deepEqual(split([UNCLOSED.slice(0, i), UNCLOSED.slice(i)]), UNCLOSED_RECORDS, `split at ${i}`);
      }
    });

    it('rejects an unclosed quote on the last line without a newline', () => {
      assert.deepEqual(split(['a\nb,"c']), [
        rec(1, ['a'], 'a'),
        { line: 2, fields: [], raw: 'b,"c', error: 'unclosed quote: the quoted field never ends' },
      ]);
    });

    it('rejects the first line of a quote open for more than maxRecordChars before the input ends', () => {
      const text = 'a,"open\n' + 'b,1\n'.repeat(10);
      const splitter = new CsvRecordSplitter(20);
      const early: CsvRecord[] = [];
      for (const piece of piecesOf(text, 4)) early.push(...splitter.push(piece));
      const rejected = { line: 1, fields: [], raw: 'a,"open', error: 'unclosed quote: the quoted field never ends' };
      assert.deepEqual(early[0], rejected, 'rejected while streaming, not only at end()');
      const all = [...early, ...splitter.end()];
      assert.deepEqual(all, [rejected, ...Array.from({ length: 10 }, (_, k) => rec(k + 2, ['b', '1'], 'b,1'))]);
    });

    it('resumes after an over-long open quote even when a quote closes much later', () => {
      const text = 'a,"open\n' + 'b,1\n'.repeat(10) + 'c,2"\nd,3\n';
      for (const size of [1, 3, 4, 7]) {
        const records = split(piecesOf(text, size), 20);
        assert.equal(records.length, 13, `pieces of ${size}`);
        assert.equal(records[0]!.error, 'unclosed quote: the quoted field never ends');
        assert.deepEqual(
          records.slice(1, 11),
          Array.from({ length: 10 }, (_, k) => rec(k + 2, ['b', '1'], 'b,1')),
        );
        assert.deepEqual(records[11], {
          line: 12,
          fields: ['c', '2"'],
          raw: 'c,2"',
          error: 'malformed quoting: a quote inside an unquoted field',
        });
        assert.deepEqual(records[12], rec(13, ['d', '3'], 'd,3'));
      }
    });

    it('keeps a quoted field that spans lines when it closes within maxRecordChars', () => {
      const text = '1,"a\nb",2\n3\n';
      assert.deepEqual(split(piecesOf(text, 2), 20), [rec(1, ['1', 'a\nb', '2'], '1,"a\nb",2'), rec(3, ['3'], '3')]);
    });
  });

  describe('malformed quoting that keeps the record', () => {
    it('flags text after a closing quote and keeps it in the field', () => {
      const records = split(['"ab"cd,e\nf\n']);
      assert.deepEqual(records, [
        { line: 1, fields: ['abcd', 'e'], raw: '"ab"cd,e', error: 'malformed quoting: text after a closing quote' },
        rec(2, ['f'], 'f'),
      ]);
    });

    it('flags text after a closing quote in the last field, without the line-ending CR', () => {
      const records = split(['a,"b"c\r\nd\r\n']);
      assert.deepEqual(records, [
        { line: 1, fields: ['a', 'bc'], raw: 'a,"b"c', error: 'malformed quoting: text after a closing quote' },
        rec(2, ['d'], 'd'),
      ]);
    });

    it('flags a quote inside an unquoted field and keeps the field as written', () => {
      const records = split(['ab"c,d\ne\n']);
      assert.deepEqual(records, [
        { line: 1, fields: ['ab"c', 'd'], raw: 'ab"c,d', error: 'malformed quoting: a quote inside an unquoted field' },
        rec(2, ['e'], 'e'),
      ]);
    });

    it('keeps the first error when a record has several', () => {
      const [record] = split(['"a"x,b"c\n']);
      assert.equal(record?.error, 'malformed quoting: text after a closing quote');
      assert.deepEqual(record?.fields, ['ax', 'b"c']);
    });
  });

  describe('over-long lines', () => {
    const LONG = 'x'.repeat(30);
    const TEXT = `ok,1\n${LONG}\nnext,2\n`;

    for (const size of [1, 4, 7]) {
      it(`yields one error record for an unquoted line over maxRecordChars and resumes after it (pieces of ${size})`, () => {
        const records = split(piecesOf(TEXT, size), 10);
        assert.equal(records.length, 3);
        assert.deepEqual(records[0], rec(1, ['ok', '1'], 'ok,1'));
        const error = records[1]!;
        assert.equal(error.line, 2);
        assert.deepEqual(error.fields, []);
        assert.match(error.error ?? '', /^record longer than 10 characters/);
        assert.ok(error.raw.length > 10 && LONG.startsWith(error.raw), 'raw keeps the start of the line');
        assert.deepEqual(records[2], rec(3, ['next', '2'], 'next,2'));
      });
    }

    it('resumes after an over-long line whose newline arrives many pushes later', () => {
      const splitter = new CsvRecordSplitter(10);
      const records = [...splitter.push('y'.repeat(11))];
      assert.equal(records.length, 1);
      assert.equal(records[0]?.line, 1);
      assert.match(records[0]?.error ?? '', /^record longer than 10 characters/);
      for (let k = 0; k < 5; k++) assert.deepEqual([...splitter.push('y'.repeat(50))], []);
      assert.deepEqual([...splitter.push('yy\r\nz,"q"\n')], [rec(2, ['z', 'q'], 'z,"q"')]);
      assert.deepEqual([...splitter.end()], []);
    });

    it('drops the rest of an over-long last line that never ends', () => {
      const records = split(['a\n', 'b'.repeat(20), 'b'.repeat(20)], 10);
      assert.equal(records.length, 2);
      assert.match(records[1]?.error ?? '', /^record longer than 10 characters/);
    });
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ChunkPreparer,
  FileProblem,
  type PreparedChunk,
  type PrepareOptions,
} from '../../../activities/ingest/chunk-preparer';
import { tradeCopyPrefix, tradeCopyText } from '../../../activities/ingest/copy-text';
import { CsvRecordSplitter, type CsvRecord } from '../../../activities/ingest/csv-record-splitter';
import { REQUIRED_COLUMNS, TRADE_COLUMNS } from '../../../schemas/trade/fields';
import { validateTrade } from '../../../schemas/trade/validate-trade';
import { csvFile, csvLine, validRow } from '../../support/trade-rows';

const NOW = Date.UTC(2026, 10, 21);
const HEADER = TRADE_COLUMNS.join(',');

const OPTIONS: PrepareOptions = {
  fileId: 7,
  chunkRows: 3,
  skipThrough: -1,
  nowMs: NOW,
  encoding: 'utf-8',
  stride: 1,
  offset: 0,
};

function recordsOf(text: string): CsvRecord[] {
  const splitter = new CsvRecordSplitter();
  return [...splitter.push(text), ...splitter.end()];
}

/** A chunk with its COPY text decoded, for comparison and reading. */
interface ReadChunk extends Omit<PreparedChunk, 'good' | 'rejects'> {
  good: string;
  rejects: string;
}

function read(chunk: PreparedChunk): ReadChunk {
  return {
    ...chunk,
    good: Buffer.concat(chunk.good).toString('utf8'),
    rejects: Buffer.concat(chunk.rejects).toString('utf8'),
  };
}

/**
 * Runs a preparer over the text's records, `batch` records per add() call; bytesDone is the number of records
 * handed over so far, so a chunk shows in which batch it was completed.
 */
function prepare(text: string, options: Partial<PrepareOptions> = {}, batch = 1) {
  const preparer = new ChunkPreparer({ ...OPTIONS, ...options });
  const records = recordsOf(text);
  const chunks: PreparedChunk[] = [];
  for (let i = 0; i < records.length; i += batch) {
    chunks.push(...preparer.add(records.slice(i, i + batch), Math.min(i + batch, records.length)));
  }
  chunks.push(...preparer.end(records.length));
  return { preparer, chunks: chunks.map(read) };
}

interface GoodLine {
  fileId: number;
  line: number;
  source: string;
  body: string;
  key: string;
}

function goodLines(text: string): GoodLine[] {
  assert.ok(text === '' || text.endsWith('\n'));
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const fields = line.split('\t');
      assert.equal(fields.length, 3 + TRADE_COLUMNS.length + 1, line);
      return {
        fileId: Number(fields[0]),
        line: Number(fields[1]),
        source: fields[2]!,
        body: fields.slice(3, -1).join('\t'),
        key: fields.at(-1)!,
      };
    });
}

interface RejectLine {
  fileId: number;
  line: number;
  raw: string;
  reasons: string[];
}

const unescape = (field: string) =>
  field.replace(/\\(.)/g, (_, ch: string) => ({ t: '\t', n: '\n', r: '\r' })[ch] ?? ch);

/** Reads rejected_rows COPY lines; reasons are a text[] literal of quoted items. */
function rejectLines(text: string): RejectLine[] {
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const [fileId, lineNo, raw, reasons, ...rest] = line.split('\t');
      assert.equal(rest.length, 0, line);
      const literal = unescape(reasons!);
      const items = [...literal.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) =>
        m[1]!.replace(/\\(.)/g, '$1'),
      );
      return { fileId: Number(fileId), line: Number(lineNo), raw: unescape(raw!), reasons: items };
    });
}

const md5 = (text: string) => createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');

function expectedBody(n: number): string {
  const result = validateTrade(validRow(n), NOW);
  assert.ok(result.ok, result.ok ? '' : result.reasons.join('; '));
  return tradeCopyText(result.record);
}

const rows = (count: number) => Array.from({ length: count }, (_, k) => validRow(k + 1));
const summary = (chunks: ReadChunk[]) =>
  chunks.map(({ chunkNo, firstLine, lastLine, rowsRead, goodRows, rejectedRows }) => ({
    chunkNo,
    firstLine,
    lastLine,
    rowsRead,
    goodRows,
    rejectedRows,
  }));

describe('ChunkPreparer', () => {
  describe('chunk boundaries', () => {
    it('cuts chunks of chunkRows data rows, the header not counted, with the last chunk partly filled', () => {
      const { preparer, chunks } = prepare(csvFile(rows(7)));
      assert.deepEqual(summary(chunks), [
        { chunkNo: 0, firstLine: 2, lastLine: 4, rowsRead: 3, goodRows: 3, rejectedRows: 0 },
        { chunkNo: 1, firstLine: 5, lastLine: 7, rowsRead: 3, goodRows: 3, rejectedRows: 0 },
        { chunkNo: 2, firstLine: 8, lastLine: 8, rowsRead: 1, goodRows: 1, rejectedRows: 0 },
      ]);
      assert.equal(preparer.rowsRead, 7);
      assert.equal(preparer.blankLines, 0);
      for (const chunk of chunks) {
        assert.equal(chunk.fileId, 7);
        assert.equal(chunk.rejects, '');
      }
    });

    it('writes each good row as prefix, canonical record text and the md5 of that text', () => {
      const { chunks } = prepare(csvFile(rows(4)));
      const lines = chunks.flatMap((c) => goodLines(c.good));
      assert.deepEqual(
        lines.map((l) => l.line),
        [2, 3, 4, 5],
      );
      lines.forEach((line, k) => {
        assert.equal(line.fileId, 7);
        assert.equal(line.source, 'file');
        assert.equal(line.body, expectedBody(k + 1));
        assert.equal(line.key, md5(line.body));
      });
      assert.equal(
        chunks[0]!.good.split('\n')[0],
        `${tradeCopyPrefix(7, 2)}${expectedBody(1)}\t${md5(expectedBody(1))}`,
      );
    });

    it('hands a chunk over when the first row of the next chunk arrives, and the last one at end()', () => {
      const preparer = new ChunkPreparer(OPTIONS);
      const [header, ...data] = recordsOf(csvFile(rows(6)));
      assert.deepEqual(preparer.add([header!, ...data.slice(0, 3)], 100), []);
      const first = preparer.add(data.slice(3, 4), 200);
      assert.deepEqual(
        first.map((c) => [c.chunkNo, c.bytesDone]),
        [[0, 200]],
      );
      assert.deepEqual(preparer.add(data.slice(4), 300), []);
      const last = preparer.end(400);
      assert.deepEqual(
        last.map((c) => [c.chunkNo, c.rowsRead, c.bytesDone]),
        [[1, 3, 400]],
      );
      assert.deepEqual(preparer.end(500), [], 'nothing left after the last chunk');
    });

    it('prepares no chunk for a header-only file', () => {
      const { preparer, chunks } = prepare(HEADER + '\n');
      assert.deepEqual(chunks, []);
      assert.equal(preparer.rowsRead, 0);
    });

    it('gives the same chunks however the records are batched', () => {
      const text = csvFile([...rows(5), validRow(6, { product: 'XXX' }), ...rows(4)]);
      const strip = (chunks: ReadChunk[]) => chunks.map(({ bytesDone: _, ...rest }) => rest);
      const one = strip(prepare(text, {}, 1).chunks);
      for (const batch of [2, 3, 5, 100])
        assert.deepEqual(strip(prepare(text, {}, batch).chunks), one, `batch ${batch}`);
    });

    it('counts blank lines apart and does not count them as rows of a chunk', () => {
      const [r1, r2, r3, r4] = rows(4).map((r) => csvLine(r));
      const text = `${HEADER}\n${r1}\n\n${r2}\r\n${r3}\r\n\r\n\n${r4}\n\n`;
      const { preparer, chunks } = prepare(text);
      assert.deepEqual(summary(chunks), [
        { chunkNo: 0, firstLine: 2, lastLine: 5, rowsRead: 3, goodRows: 3, rejectedRows: 0 },
        { chunkNo: 1, firstLine: 8, lastLine: 8, rowsRead: 1, goodRows: 1, rejectedRows: 0 },
      ]);
      assert.deepEqual(
        chunks.flatMap((c) => goodLines(c.good).map((l) => l.line)),
        [2, 4, 5, 8],
      );
      assert.equal(preparer.rowsRead, 4);
      assert.equal(preparer.blankLines, 4);
    });

    it('numbers rows after a quoted field with embedded newlines by their physical line', () => {
      const text = csvFile([validRow(1, { source_trade_id: 'S1\nsecond line\nthird' }), validRow(2), validRow(3)]);
      const { chunks } = prepare(text, { chunkRows: 2 });
      assert.deepEqual(
        summary(chunks).map(({ firstLine, lastLine }) => [firstLine, lastLine]),
        [
          [2, 5],
          [6, 6],
        ],
      );
      const lines = chunks.flatMap((c) => [...goodLines(c.good), ...rejectLines(c.rejects)].map((l) => l.line));
      assert.deepEqual(
        lines.sort((a, b) => a - b),
        [2, 5, 6],
      );
    });
  });

  describe('resuming after committed chunks', () => {
    const text = csvFile([validRow(1, { action_type: 'BAD' }), ...rows(6).slice(1), validRow(7)]);

    it('skips chunks 0…skipThrough but counts their rows', () => {
      const { preparer, chunks } = prepare(text, { skipThrough: 1 });
      assert.deepEqual(summary(chunks), [
        { chunkNo: 2, firstLine: 8, lastLine: 8, rowsRead: 1, goodRows: 1, rejectedRows: 0 },
      ]);
      assert.equal(preparer.rowsRead, 7);
    });

    it('does not evaluate rows of skipped chunks (no rejects for them)', () => {
      const { chunks } = prepare(text, { skipThrough: 0 });
      assert.deepEqual(
        chunks.map((c) => c.chunkNo),
        [1, 2],
      );
      assert.ok(chunks.every((c) => c.rejectedRows === 0 && c.rejects === ''));
    });

    it('prepares nothing when every chunk was committed, yet counts every row', () => {
      const { preparer, chunks } = prepare(text, { skipThrough: 2 });
      assert.deepEqual(chunks, []);
      assert.equal(preparer.rowsRead, 7);
    });

    it('prepares the same remaining chunks as a full run', () => {
      const full = prepare(text).chunks;
      assert.deepEqual(prepare(text, { skipThrough: 0 }).chunks, full.slice(1));
    });
  });

  describe('several preparers on one file', () => {
    const text = csvFile([
      ...rows(3),
      validRow(4, { cleared: 'X' }),
      ...rows(8).slice(4),
      validRow(9, { notional_leg1: '-5' }),
      validRow(10),
      validRow(11),
    ]);

    for (const stride of [2, 3, 4, 7]) {
      it(`with stride ${stride}, each offset prepares every ${stride}-th chunk and together they equal one preparer`, () => {
        const single = prepare(text, { chunkRows: 2 });
        assert.equal(single.chunks.length, 6);
        const all: ReadChunk[] = [];
        for (let offset = 0; offset < stride; offset++) {
          const part = prepare(text, { chunkRows: 2, stride, offset });
          assert.ok(part.chunks.every((c) => c.chunkNo % stride === offset));
          assert.equal(part.preparer.rowsRead, 11, 'every preparer counts every row');
          all.push(...part.chunks);
        }
        assert.deepEqual(
          all.sort((a, b) => a.chunkNo - b.chunkNo),
          single.chunks,
        );
      });
    }

    it('combines stride with skipThrough', () => {
      const single = prepare(text, { chunkRows: 2, skipThrough: 2 }).chunks;
      assert.deepEqual(
        single.map((c) => c.chunkNo),
        [3, 4, 5],
      );
      const even = prepare(text, { chunkRows: 2, skipThrough: 2, stride: 2, offset: 0 }).chunks;
      const odd = prepare(text, { chunkRows: 2, skipThrough: 2, stride: 2, offset: 1 }).chunks;
      assert.deepEqual(
        even.map((c) => c.chunkNo),
        [4],
      );
      assert.deepEqual(
        odd.map((c) => c.chunkNo),
        [3, 5],
      );
      assert.deepEqual(
        [...even, ...odd].sort((a, b) => a.chunkNo - b.chunkNo),
        single,
      );
    });
  });

  describe('rejected rows', () => {
    const bad = {
      action: csvLine(validRow(2, { action_type: 'XXXX', product: 'SWAP' })),
      truncated: csvLine(validRow(3)).split(',').slice(0, -1).join(','),
      extra: csvLine(validRow(4)) + ',surplus',
      quoteInside: csvLine(validRow(5)).replace(',T001,', ',T"01,'),
      tab: csvLine(validRow(6, { desk: 'a\tb\\c' })),
    };
    const text = [
      HEADER,
      csvLine(validRow(1)),
      bad.action,
      bad.truncated,
      bad.extra,
      bad.quoteInside,
      bad.tab,
      csvLine(validRow(7)),
      '8,"never closed',
      csvLine(validRow(9)),
      '',
    ].join('\n');

    it('writes each rejected row with its line, its raw text and every reason', () => {
      const { preparer, chunks } = prepare(text, { chunkRows: 100 });
      assert.equal(chunks.length, 1);
      const chunk = chunks[0]!;
      const rejects = rejectLines(chunk.rejects);
      assert.deepEqual(
        rejects.map((r) => [r.fileId, r.line]),
        [
          [7, 3],
          [7, 4],
          [7, 5],
          [7, 6],
          [7, 9],
        ],
      );
      const byLine = new Map(rejects.map((r) => [r.line, r]));
      assert.equal(byLine.get(3)?.raw, bad.action);
      const actionReasons = byLine.get(3)?.reasons ?? [];
      assert.ok(actionReasons.length >= 2, `every reason: ${actionReasons.join(' | ')}`);
      assert.ok(actionReasons.some((r) => r.startsWith('action_type: ')));
      assert.ok(actionReasons.some((r) => r.startsWith('product: ')));
      assert.deepEqual(byLine.get(4), {
        fileId: 7,
        line: 4,
        raw: bad.truncated,
        reasons: [
          `expected ${TRADE_COLUMNS.length} fields as in the header, found 26 (missing columns, or a truncated line)`,
        ],
      });
      assert.deepEqual(byLine.get(5)?.reasons, [
        `expected ${TRADE_COLUMNS.length} fields as in the header, found 28 (extra columns)`,
      ]);
      assert.deepEqual(byLine.get(6), {
        fileId: 7,
        line: 6,
        raw: bad.quoteInside,
        reasons: ['malformed quoting: a quote inside an unquoted field'],
      });
      assert.deepEqual(byLine.get(9), {
        fileId: 7,
        line: 9,
        raw: '8,"never closed',
        reasons: ['unclosed quote: the quoted field never ends'],
      });
      assert.deepEqual(
        goodLines(chunk.good).map((l) => l.line),
        [2, 7, 8, 10],
      );
      assert.equal(chunk.goodRows, 4);
      assert.equal(chunk.rejectedRows, 5);
      assert.equal(chunk.rowsRead, 9);
      assert.equal(preparer.rowsRead, 9);
    });

    it('keeps goodRows + rejectedRows = rowsRead in every chunk', () => {
      for (const chunkRows of [1, 2, 3, 4]) {
        const { preparer, chunks } = prepare(text, { chunkRows });
        for (const c of chunks) {
          assert.equal(c.goodRows + c.rejectedRows, c.rowsRead);
          assert.equal(goodLines(c.good).length, c.goodRows);
          assert.equal(rejectLines(c.rejects).length, c.rejectedRows);
        }
        assert.equal(
          chunks.reduce((sum, c) => sum + c.rowsRead, 0),
          preparer.rowsRead,
        );
      }
    });

    it('names the file encoding when a row holds undecodable bytes (U+FFFD)', () => {
      const line = csvLine(validRow(1, { desk: '금리\uFFFD데스크' }));
      const { chunks } = prepare(`${HEADER}\n${line}\n`, { encoding: 'cp949' });
      const [reject] = rejectLines(chunks[0]!.rejects);
      assert.deepEqual(reject?.reasons, ['the line contains bytes that are not valid cp949']);
      assert.equal(reject?.raw, line);
    });
  });

  describe('headers', () => {
    it('reads rows by the header’s column order, extra unknown columns ignored', () => {
      // Required columns only, reversed, plus what this row needs (a rate; a CCP as it is cleared) and a memo.
      const columns = ['memo', ...[...REQUIRED_COLUMNS].reverse(), 'fixed_rate_leg1', 'central_counterparty'];
      const row = { ...validRow(1), memo: 'note, with a comma' };
      const { chunks } = prepare(csvFile([row], { columns }));
      assert.deepEqual(summary(chunks), [
        { chunkNo: 0, firstLine: 2, lastLine: 2, rowsRead: 1, goodRows: 1, rejectedRows: 0 },
      ]);
      const [line] = goodLines(chunks[0]!.good);
      const fields = line!.body.split('\t');
      assert.equal(fields[TRADE_COLUMNS.indexOf('uti')], validRow(1).uti);
      assert.equal(fields[TRADE_COLUMNS.indexOf('desk')], '\\N', 'a column absent from the file is null');
    });

    it('throws FileProblem for a header with the wrong delimiter', () => {
      const text = csvFile(rows(1)).replace(HEADER, TRADE_COLUMNS.join(';'));
      assert.throws(
        () => prepare(text),
        (error: unknown) =>
          error instanceof FileProblem &&
          error.name === 'FileProblem' &&
          /^wrong delimiter: .*semicolon/.test(error.message),
      );
    });

    it('throws FileProblem when the first line is a data row', () => {
      const text = rows(2)
        .map((r) => csvLine(r) + '\n')
        .join('');
      assert.throws(() => prepare(text), { name: 'FileProblem', message: /^no header row/ });
    });

    it('throws FileProblem naming missing required columns', () => {
      const columns = TRADE_COLUMNS.filter((c) => c !== 'uti');
      assert.throws(() => prepare(csvFile(rows(1), { columns })), {
        name: 'FileProblem',
        message: 'the header is missing required column(s): uti',
      });
    });

    it('throws FileProblem at end() for a file without any line', () => {
      const preparer = new ChunkPreparer(OPTIONS);
      assert.deepEqual(preparer.add([], 0), []);
      assert.throws(
        () => preparer.end(0),
        (error: unknown) => error instanceof FileProblem && /no header row/.test(error.message),
      );
    });
  });
});

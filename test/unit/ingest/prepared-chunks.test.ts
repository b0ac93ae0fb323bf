import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ChunkPreparer, FileProblem, type PrepareOptions } from '../../../activities/ingest/chunk-preparer';
import type { FileEncoding } from '../../../activities/ingest/detect-encoding';
import { preparedChunks } from '../../../activities/ingest/prepared-chunks';
import { readCsvRecordBatches } from '../../../activities/ingest/trade-file-reader';
import { TRADE_COLUMNS } from '../../../schemas/trade/fields';
import { csvLine, validRow } from '../../support/trade-rows';

// The byte path of a UTF-8 file (lines as bytes, fast rows) must give exactly the chunks of the text path.
const dir = mkdtempSync(join(tmpdir(), 'prepared-chunks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS: PrepareOptions = {
  fileId: 3,
  chunkRows: 4,
  skipThrough: -1,
  nowMs: Date.UTC(2026, 10, 21, 3),
  encoding: 'utf-8',
  stride: 1,
  offset: 0,
};

type Outcome = { chunks: unknown[]; rowsRead: number; blankLines: number } | { problem: string };

async function collect(chunks: AsyncIterable<{ good: Buffer[]; rejects: Buffer[] }>, preparer: ChunkPreparer) {
  const out: unknown[] = [];
  try {
    for await (const chunk of chunks) {
      // bytesDone differs by design (bytes read when the chunk completed); everything else must match.
      out.push({
        ...chunk,
        bytesDone: 0,
        good: Buffer.concat(chunk.good).toString('utf8'),
        rejects: Buffer.concat(chunk.rejects).toString('utf8'),
      });
    }
  } catch (error) {
    if (error instanceof FileProblem) return { problem: error.message };
    throw error;
  }
  return { chunks: out, rowsRead: preparer.rowsRead, blankLines: preparer.blankLines };
}

async function textPath(path: string, encoding: FileEncoding, options: PrepareOptions): Promise<Outcome> {
  const preparer = new ChunkPreparer(options);
  async function* chunks() {
    for await (const batch of readCsvRecordBatches(path, encoding)) yield* preparer.add(batch, 0);
    yield* preparer.end(0);
  }
  return collect(chunks(), preparer);
}

async function bytePath(path: string, encoding: FileEncoding, options: PrepareOptions, readBytes: number) {
  const preparer = new ChunkPreparer(options);
  return collect(preparedChunks(path, encoding, preparer, undefined, readBytes), preparer);
}

let fileNo = 0;
async function same(
  content: string | Buffer,
  encoding: FileEncoding = 'utf-8',
  options: Partial<PrepareOptions> = {},
  // Small reads put line ends at every position of the buffer; a line over half a read goes the text way.
  readSizes = [700, 1021, 4096, 1 << 20],
) {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, content);
  const all = { ...OPTIONS, ...options };
  const expected = await textPath(path, encoding, all);
  for (const readBytes of readSizes) {
    assert.deepEqual(await bytePath(path, encoding, all, readBytes), expected, `read size ${readBytes}`);
  }
  return expected;
}

const HEADER = TRADE_COLUMNS.join(',');
const row = (n: number, overrides: Parameters<typeof validRow>[1] = {}) => csvLine(validRow(n, overrides));

describe('prepared chunks: byte path against text path', () => {
  it('plain rows, LF and CRLF, with and without a final line ending, with blank lines', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => row(i));
    const result = await same([HEADER, ...rows].join('\n') + '\n');
    assert.ok('chunks' in result && result.rowsRead === 11);
    await same([HEADER, ...rows].join('\r\n'));
    await same([HEADER, rows[0], '', rows[1], '\r', rows[2], ''].join('\n'));
  });

  it('a BOM, and a U+FEFF that is data', async () => {
    await same('\ufeff' + [HEADER, row(1), row(2)].join('\n'), 'utf-8-bom');
    await same([HEADER, row(1), '"x', '\ufeff' + row(2), row(3)].join('\n'));
  });

  it('quoted fields: simple, doubled quotes, spanning lines, unclosed, text after a closing quote', async () => {
    const rows = [
      row(1, { desk: '데스크, 서울' }),
      row(2, { desk: 'say ""hi""' }).replace('say ""hi""', '"say ""hi"""'),
      row(3, { desk: 'two\nlines' }),
      row(4),
      row(5, { desk: 'x' }).replace(',x,', ',"x"y,'),
      row(6),
      row(7, { desk: '"never closed' }).replace('"""never closed"', '"never closed'),
      row(8),
    ];
    await same([HEADER, ...rows].join('\n') + '\n');
    await same([HEADER, row(1, { desk: 'a, b' }), row(2), row(3, { trader_id: 'q"' })].join('\r\n'));
    await same([HEADER, row(1), row(2, { desk: 'a,b' })].join('\n'));
  });

  it('rejected rows: NUL, invalid UTF-8, wrong field counts, bad values', async () => {
    const bad = Buffer.concat([
      Buffer.from([HEADER, row(1, { desk: 'a\u0000b' }), row(2)].join('\n') + '\n'),
      Buffer.from(row(3, { desk: 'ZZ' }).replace('ZZ', '\u0001\u0002')),
      Buffer.from('\n' + row(4, { desk: 'QQ' }).split('QQ')[0]!),
      Buffer.from([0xff, 0xc3, 0x28]),
      Buffer.from(row(4, { desk: 'QQ' }).split('QQ')[1]! + '\n'),
      Buffer.from(
        [row(5, { notional_leg1: '-5' }), row(6) + ',extra', 'a,b,c', row(7, { execution_ts: '2026-11-20' })].join(
          '\n',
        ),
      ),
    ]);
    const result = await same(bad);
    assert.ok('chunks' in result && result.rowsRead === 8);
  });

  it('a multi-megabyte line, and a header-only, empty-header and quoted-header file', async () => {
    await same([HEADER, row(1), row(2, { desk: 'x'.repeat(3_000_000) }), row(3)].join('\n'), 'utf-8', {}, [
      1 << 16,
      1 << 20,
    ]);
    await same(HEADER + '\n');
    const problem = await same('\n' + row(1));
    assert.ok('problem' in problem);
    await same(TRADE_COLUMNS.map((c) => `"${c}"`).join(',') + '\n' + row(1));
  });

  it('resumes after committed chunks and splits work between preparers the same way', async () => {
    const content = [HEADER, ...Array.from({ length: 30 }, (_, i) => row(i, i % 7 === 0 ? { desk: 'a, b' } : {}))].join(
      '\n',
    );
    await same(content, 'utf-8', { skipThrough: 2 });
    await same(content, 'utf-8', { stride: 2, offset: 1 });
  });

  it('files in other encodings keep the text path', async () => {
    await same(Buffer.from('\ufeff' + [HEADER, row(1)].join('\n'), 'utf16le'), 'utf-16le');
  });
});

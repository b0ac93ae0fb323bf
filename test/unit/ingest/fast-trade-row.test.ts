import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tradeCopyText } from '../../../activities/ingest/copy-text';
import { CsvRecordSplitter } from '../../../activities/ingest/csv-record-splitter';
import { recordEvaluator } from '../../../activities/ingest/evaluate-record';
import { fastRowWriter } from '../../../activities/ingest/fast-row/fast-trade-row';
import { checkHeader, type HeaderLayout } from '../../../activities/ingest/trade-file-header';
import { simpleQuotes } from '../../../activities/ingest/utf8-line-splitter';
import { generateTradeRows } from '../../../client/generate';
import { tradeRecord } from '../../../client/generate/csv';
import { TRADE_COLUMNS } from '../../../schemas/trade/fields';
import { csvLine, validRow } from '../../support/trade-rows';

// The fast path must never accept a row the full path rejects, and must write exactly what the full path writes.
const NOW = Date.UTC(2026, 10, 21, 3);

function layoutOf(columns: readonly string[]): HeaderLayout {
  const header = checkHeader([...columns], columns.join(','));
  assert.ok(header.ok);
  return header.layout;
}

/** What the full path makes of one line: the COPY text of a valid row, or null when it is rejected. */
function slowPath(layout: HeaderLayout, line: string): string | null {
  const splitter = new CsvRecordSplitter();
  const records = [...splitter.push(line), ...splitter.end()];
  if (records.length !== 1) return null;
  const outcome = recordEvaluator(layout, NOW, 'utf-8')(records[0]!);
  return outcome.ok ? tradeCopyText(outcome.record) : null;
}

/** What the fast path makes of it: the COPY text, or null when it declines. */
function fastPath(layout: HeaderLayout, line: Buffer): string | null {
  const write = fastRowWriter(layout, NOW);
  const out = Buffer.alloc(line.length + 512);
  const end = write(line, 0, line.length, out, 0);
  return end < 0 ? null : out.toString('utf8', 0, end);
}

/** Compares both paths on a line; returns whether the fast path took it. */
function agree(layout: HeaderLayout, line: Buffer): boolean {
  const fast = fastPath(layout, line);
  if (fast === null) return false;
  const text = line.toString('utf8');
  // Lines the byte splitter would not hand over whole are never fast.
  assert.ok(!text.includes('"') || simpleQuotes(line, 0, line.length), `took a complex quoted line: ${text}`);
  assert.equal(fast, slowPath(layout, text), `paths differ on: ${text}`);
  return true;
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = [
  '0',
  '9',
  ' ',
  '-',
  '.',
  ',',
  '"',
  'Z',
  '+',
  ':',
  'T',
  'a',
  '\t',
  '\\',
  '\r',
  '\u0000',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\ufffd',
  '가',
  '😀',
  '1',
  'A',
].map((s) => Buffer.from(s, 'utf8'));

function mutate(line: Buffer, random: () => number): Buffer {
  const at = Math.floor(random() * (line.length + 1));
  const op = random();
  if (op < 0.3) return Buffer.concat([line.subarray(0, at), line.subarray(at + 1)]);
  if (op < 0.4) return Buffer.concat([line.subarray(0, at), Buffer.from([0xff]), line.subarray(at + 1)]);
  const insert = INSERTS[Math.floor(random() * INSERTS.length)]!;
  const replace = op < 0.7 ? 1 : 0;
  return Buffer.concat([line.subarray(0, at), insert, line.subarray(at + replace)]);
}

describe('fast trade rows: byte path against validateTrade', () => {
  const layout = layoutOf(TRADE_COLUMNS);
  const rows = [...generateTradeRows({ date: '2026-11-20', rows: 6_000, seed: 5, anomalyRate: 0.05 })].map(
    (g) => g.row,
  );
  const lines = rows.map((row) => Buffer.from(tradeRecord(row), 'utf8'));

  it('writes what the full path writes for every generated row, and takes nearly all of them', () => {
    let taken = 0;
    for (const line of lines) if (agree(layout, line)) taken++;
    assert.ok(taken > lines.length * 0.95, `took only ${taken} of ${lines.length}`);
  });

  it('never accepts what the full path rejects, nor writes differently, under random edits', () => {
    const random = prng(42);
    let taken = 0;
    let tried = 0;
    for (let round = 0; round < 8; round++) {
      for (const original of lines) {
        let line: Buffer = original;
        for (let k = 1 + Math.floor(random() * 2); k > 0; k--) line = mutate(line, random);
        tried++;
        if (agree(layout, line)) taken++;
      }
    }
    // Some edits keep a row valid (a digit for a digit), so both outcomes occur.
    assert.ok(taken > 0 && taken < tried, `took ${taken} of ${tried}`);
  });

  it('agrees on hand-made edge cases', () => {
    const edge = (overrides: Parameters<typeof validRow>[1]) => Buffer.from(csvLine(validRow(1, overrides)), 'utf8');
    const cases = [
      edge({}),
      edge({ notional_leg1: '0010000.500' }),
      edge({ notional_leg1: '0' }),
      edge({ notional_leg1: '0.0' }),
      edge({ fixed_rate_leg1: '-0.000' }),
      edge({ fixed_rate_leg1: '-0.0325' }),
      edge({ spread: '0' }),
      edge({ execution_ts: '2026-11-20T10:15:30Z' }),
      edge({ execution_ts: '2026-11-20 10:15+0900' }),
      edge({ execution_ts: '2026-11-20T10:15:30.123456789-14:00' }),
      edge({ execution_ts: '2026-11-20T10:15:30.1234567890+09:00' }),
      edge({ execution_ts: '2026-11-21T03:04:59.999Z' }),
      edge({ execution_ts: '2026-11-21T03:05:00.001Z' }),
      edge({ execution_ts: '0001-01-01T00:00:00+14:00' }),
      edge({ execution_ts: '2026-02-29T00:00:00Z' }),
      edge({ execution_ts: '2024-02-29T23:59:59+09:30' }),
      edge({ effective_date: '2031-11-25' }),
      edge({ desk: ' 데스크' }),
      edge({ desk: '데스크\u3000' }),
      edge({ desk: '데스크, "서울"' }),
      edge({ desk: 'x'.repeat(100) }),
      edge({ desk: '가'.repeat(101) }),
      edge({ desk: '😀'.repeat(100) }),
      edge({ floating_index_leg2: 'KRW CD 3M' }),
      edge({ floating_index_leg2: 'KRW-CD-3M ' }),
      edge({ counterparty_2_id_type: 'CLIENT', counterparty_2: 'KSB-CL.1' }),
      edge({ counterparty_2_id_type: 'CLIENT', counterparty_2: 'x'.repeat(51) }),
      edge({ action_type: 'CORR', event_type: '' }),
      edge({ action_type: 'CORR' }),
      edge({ product: 'CCS', asset_class: 'IR', notional_leg2: '7000000', notional_currency_leg2: 'USD' }),
      edge({ product: 'CCS', asset_class: 'IR' }),
      edge({ notional_currency_leg2: 'USD' }),
      edge({ cleared: 'N', central_counterparty: '' }),
      edge({ cleared: 'Y', central_counterparty: '' }),
      edge({ platform_id: '' }),
      edge({ uti: 'x' }),
      Buffer.from(csvLine(validRow(1)) + ',', 'utf8'),
    ];
    for (const line of cases) agree(layout, line);
    assert.ok(agree(layout, cases[0]!), 'a plain valid row is taken');
  });

  it('follows a header in another order, without optional columns, with an unknown column', () => {
    const columns: string[] = [...TRADE_COLUMNS].reverse().filter((c) => c !== 'platform_id' && c !== 'spread');
    columns.splice(3, 0, 'remarks');
    const other = layoutOf(columns);
    let taken = 0;
    for (const row of rows.slice(0, 500)) {
      const values = columns.map((c) => (c === 'remarks' ? 'free, text' : (row as Record<string, string>)[c]!));
      const line = Buffer.from(csvLine(Object.fromEntries(columns.map((c, i) => [c, values[i]!])), columns), 'utf8');
      if (agree(other, line)) taken++;
    }
    assert.ok(taken > 0);
  });
});

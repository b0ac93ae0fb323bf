import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ANOMALY_KINDS, generateTradeFile, type GenerateOptions, type GenerateSummary } from '../../../client/generate';
import { validateTrade } from '../../../schemas/trade/validate-trade';
import { AFTER_TEST_DATE_MS, TEST_DATE, readLabels, readTradeFile, type CsvRow, type LabelRow } from './read-generated';

const dir = mkdtempSync(join(tmpdir(), 'generate-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => join(dir, name);
const generate = (name: string, options: Partial<GenerateOptions> = {}) =>
  generateTradeFile({ date: TEST_DATE, rows: 3_000, seed: 11, out: file(name), ...options });

describe('generateTradeFile: a 20k-row file at the default anomaly rate', () => {
  let summary: GenerateSummary;
  let rows: CsvRow[];
  let labels: LabelRow[];

  before(async () => {
    summary = await generate('day.csv', { rows: 20_000, seed: 2026 });
    rows = readTradeFile(summary.out);
    labels = readLabels(summary.labelsOut);
  });

  it('writes exactly the requested rows, under the header of TRADE_COLUMNS', () => {
    assert.equal(summary.rows, 20_000);
    assert.equal(rows.length, 20_000);
    assert.equal(summary.labelsOut, `${summary.out}.labels.csv`);
  });

  it('passes validateTrade on every row', () => {
    const failures = rows
      .map((row, i) => ({ line: i + 2, result: validateTrade(row, AFTER_TEST_DATE_MS) }))
      .filter(({ result }) => !result.ok);
    assert.deepEqual(failures.slice(0, 5), []);
  });

  it('labels every data row by its physical line number, with its uti, action and timestamp', () => {
    assert.equal(labels.length, rows.length);
    labels.forEach((label, i) => {
      const row = rows[i] as CsvRow;
      assert.equal(label.lineNo, i + 2);
      assert.deepEqual(
        [label.uti, label.actionType, label.executionTs],
        [row.uti, row.action_type, row.execution_ts],
        `line ${label.lineNo}`,
      );
    });
  });

  it('injects every anomaly kind at about 1%, and the label counts match the summary', () => {
    const counts = new Map<string, number>();
    for (const { label } of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    for (const kind of ANOMALY_KINDS) {
      assert.ok((counts.get(kind) ?? 0) > 0, `${kind} present`);
      assert.equal(counts.get(kind) ?? 0, summary.anomalies[kind], `${kind} count`);
    }
    assert.deepEqual(
      [...counts.keys()].filter((k) => k !== 'normal' && !ANOMALY_KINDS.includes(k as never)),
      [],
    );
    assert.equal(summary.anomalyRows, 200);
    assert.equal(counts.get('normal'), 20_000 - 200);
  });

  it('counts actions in the summary as they are in the file', () => {
    const actions: Record<string, number> = {};
    for (const row of rows) actions[row.action_type] = (actions[row.action_type] ?? 0) + 1;
    assert.deepEqual(actions, summary.actions);
    assert.ok((actions.MODI ?? 0) > 0 && (actions.TERM ?? 0) > 0, 'lifecycle events present');
  });
});

describe('generateTradeFile: determinism and encodings', () => {
  it('writes byte-identical files for the same options, and different ones for another seed', async () => {
    const [a, b, c] = [await generate('a.csv'), await generate('b.csv'), await generate('c.csv', { seed: 12 })];
    assert.ok(readFileSync(a.out).equals(readFileSync(b.out)), 'same data');
    assert.ok(readFileSync(a.labelsOut).equals(readFileSync(b.labelsOut)), 'same labels');
    assert.deepEqual({ ...a, out: '', labelsOut: '' }, { ...b, out: '', labelsOut: '' });
    assert.ok(!readFileSync(a.out).equals(readFileSync(c.out)), 'another seed, other data');
  });

  it('writes CP949 that decodes (as EUC-KR) to the same text as the UTF-8 file', async () => {
    const utf8 = await generate('utf8.csv');
    const cp949 = await generate('cp949.csv', { encoding: 'cp949' });
    const text = readFileSync(utf8.out, 'utf8');
    assert.match(text, /금리스왑데스크/);
    assert.equal(new TextDecoder('euc-kr').decode(readFileSync(cp949.out)), text);
    assert.ok(cp949.bytes < utf8.bytes, 'Hangul takes two bytes in CP949, three in UTF-8');
  });

  it('prefixes a BOM for utf8-bom and ends lines with CRLF when asked', async () => {
    const plain = readFileSync((await generate('plain.csv')).out);
    const bom = readFileSync((await generate('bom.csv', { encoding: 'utf8-bom', crlf: true })).out);
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bom.subarray(3).toString('utf8'), plain.toString('utf8').replaceAll('\n', '\r\n'));
  });

  it('rejects invalid options with one error naming each of them', async () => {
    await assert.rejects(
      generateTradeFile({ date: '2026-11-21', rows: 0, seed: -1, out: file('x.csv'), anomalyRate: 1.5 }),
      (error: Error) =>
        /weekend/.test(error.message) &&
        /--rows/.test(error.message) &&
        /--seed/.test(error.message) &&
        /--anomaly-rate/.test(error.message),
    );
    await assert.rejects(generate('missing/x.csv'), /--out folder does not exist/);
  });
});

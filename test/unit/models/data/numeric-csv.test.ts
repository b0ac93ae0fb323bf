import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  formatNumericCsv,
  loadNumericCsv,
  parseNumericCsv,
  rowOf,
  writeNumericCsv,
} from '../../../../activities/models/data/index';

describe('numeric CSV', () => {
  it('parses features row-major and the label column apart', () => {
    const d = parseNumericCsv('\uFEFFx0,x1,label\r\n1,2.5,0\r\n-3,1e-3,1\r\n');
    assert.deepEqual(d.columns, ['x0', 'x1']);
    assert.deepEqual([d.x.rows, d.x.cols], [2, 2]);
    assert.deepEqual([...rowOf(d.x, 1)], [-3, 0.001]);
    assert.deepEqual([...d.y], [0, 1]);
  });

  it('rejects bad cells with their line numbers', () => {
    assert.throws(() => parseNumericCsv('x0,label\n1,0\nabc,1\n'), /line 3: x0 "abc"/);
    assert.throws(() => parseNumericCsv('x0,label\n1,2\n'), /line 2: label "2"/);
    assert.throws(() => parseNumericCsv('x0,label\n1\n'), /line 2: 1 cells, expected 2/);
    assert.throws(() => parseNumericCsv('x0,y\n1,0\n'), /no "label" column/);
  });

  it('round-trips doubles exactly through a file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'numeric-csv-'));
    try {
      const original = parseNumericCsv(`a,b,label\n${0.1 + 0.2},${Math.PI},1\n1e-300,-2.5,0\n`);
      const file = path.join(dir, 'd.csv');
      await writeNumericCsv(file, original);
      const back = await loadNumericCsv(file);
      assert.deepEqual([...back.x.data], [...original.x.data]);
      assert.deepEqual([...back.y], [1, 0]);
      assert.equal(formatNumericCsv(back), formatNumericCsv(original));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads the ADBench files with their documented sizes', async () => {
    const dir = path.join(import.meta.dirname, '../../../../../shared/data/adbench');
    const cardio = await loadNumericCsv(path.join(dir, 'cardio.csv'));
    assert.deepEqual([cardio.x.rows, cardio.x.cols], [1831, 21]);
    assert.equal(
      cardio.y.reduce((a, b) => a + b, 0),
      176,
    );
  });
});

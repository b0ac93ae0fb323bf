import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMatrix } from '../../../../activities/models/data/index';
import { IsolationForest } from '../../../../activities/models/iforest/index';
import { gaussianRows } from './fixtures';

describe('IsolationForest explanations', () => {
  const x = gaussianRows(2000, 5, 11);
  const forest = IsolationForest.fit(x, { seed: 11 });

  it('credits the feature that makes a row anomalous', () => {
    for (const outlying of [0, 2, 4]) {
      const row = new Float64Array(5);
      row[outlying] = 9;
      const [top] = forest.topFeatures(row, 1);
      assert.equal(top?.feature, outlying);
      assert.ok(top.share > 0.5, `share ${top.share}`);
    }
  });

  it('credits both features of a two-feature anomaly ahead of the rest', () => {
    const top = forest.topFeatures(Float64Array.from([0, 7, 0, -7, 0]), 2).map((c) => c.feature);
    assert.deepEqual(top.sort(), [1, 3]);
  });

  it('returns shares that sum to 1, sorted, with names when given', () => {
    const row = Float64Array.from([0.3, -1, 2, 0, 0.5]);
    const shares = forest.contributions(row);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    const top = forest.topFeatures(row, 5, ['a', 'b', 'c', 'd', 'e']);
    assert.equal(top.length, 5);
    for (let i = 1; i < top.length; i++) assert.ok(top[i - 1]!.share >= top[i]!.share);
    assert.equal(top[0]!.name, ['a', 'b', 'c', 'd', 'e'][top[0]!.feature]);
    assert.throws(() => forest.contributions([1, 2]), /expects 5/);
  });

  it('gives all-zero shares when no split ever separates the row (single-leaf trees)', () => {
    const flat = IsolationForest.fit(createMatrix(10, 2, new Float64Array(20)), { seed: 1, nTrees: 2 });
    assert.deepEqual([...flat.contributions([0, 0])], [0, 0]);
  });
});

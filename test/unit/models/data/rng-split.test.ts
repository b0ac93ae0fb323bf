import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createRng,
  sampleWithoutReplacement,
  splitDataset,
  stratifiedSplit,
  parseNumericCsv,
} from '../../../../activities/models/data/index';

describe('createRng', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
  });

  it('draws uniform values in [0, 1) and roughly standard normals', () => {
    const rng = createRng(42);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.next();
      assert.ok(u >= 0 && u < 1);
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    assert.ok(Math.abs(sum / 20_000) < 0.05);
    assert.ok(Math.abs(sumSq / 20_000 - 1) < 0.05);
  });

  it('samples distinct indices without replacement', () => {
    const picked = sampleWithoutReplacement(300, 256, createRng(3));
    assert.equal(new Set(picked).size, 256);
    assert.ok(picked.every((i) => i < 300));
    assert.throws(() => sampleWithoutReplacement(3, 4, createRng(1)));
  });
});

describe('stratifiedSplit', () => {
  const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i >= 900 ? 1 : 0));

  it('keeps each class share in both parts and covers every row once', () => {
    const { train, test } = stratifiedSplit(labels, { seed: 7 });
    assert.equal(test.length, 300);
    assert.equal([...test].filter((i) => labels[i] === 1).length, 30);
    assert.equal([...train].filter((i) => labels[i] === 1).length, 70);
    assert.deepEqual(
      [...new Set([...train, ...test])].sort((a, b) => a - b),
      [...Array(1000).keys()],
    );
  });

  it('is deterministic by seed', () => {
    assert.deepEqual(stratifiedSplit(labels, { seed: 1 }), stratifiedSplit(labels, { seed: 1 }));
    assert.notDeepEqual(stratifiedSplit(labels, { seed: 1 }).test, stratifiedSplit(labels, { seed: 2 }).test);
  });

  it('splits a dataset with its labels', () => {
    const d = parseNumericCsv('x0,label\n0,0\n1,0\n2,0\n3,1\n4,1\n5,0\n');
    const { train, test } = splitDataset(d, { seed: 3, testFraction: 0.5 });
    assert.equal(train.x.rows + test.x.rows, 6);
    for (const part of [train, test]) {
      for (let i = 0; i < part.x.rows; i++)
        assert.equal(part.y[i], part.x.data[i]! >= 3 && part.x.data[i]! <= 4 ? 1 : 0);
    }
    assert.equal(
      test.y.reduce((a, b) => a + b, 0),
      1,
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  affineCoefficients,
  fitScoreNormaliser,
  normaliseScores,
  type ScoreNormaliser,
} from '../../../../activities/models/metrics';

const closeAll = (actual: ArrayLike<number>, expected: number[]) => {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) < 1e-12, `[${i}] expected ${e}, got ${actual[i]}`));
};

describe('score normalisers', () => {
  it('min-max maps training scores to [0, 1] and lets new extremes pass beyond', () => {
    const n = fitScoreNormaliser('min-max', [6, 2, 4]);
    assert.deepEqual(n, { kind: 'min-max', min: 2, max: 6 });
    closeAll(normaliseScores(n, [2, 4, 6, 8, 0]), [0, 0.5, 1, 1.5, -0.5]);
  });

  it('robust-z centres on the median and scales by 1.4826 · MAD', () => {
    // Median 4; |deviations| 2, 0, 2, 96 → MAD 2: the outlier 100 does not stretch the scale.
    const n = fitScoreNormaliser('robust-z', [2, 4, 6, 100, 4]);
    assert.deepEqual(n, { kind: 'robust-z', median: 4, scale: 1.4826 * 2 });
    closeAll(normaliseScores(n, [4, 7]), [0, 3 / (1.4826 * 2)]);
  });

  it('robust-z falls back to the mean absolute deviation when the MAD is 0', () => {
    // Median 1, deviations 0, 0, 0, 4 → MAD 0, mean deviation 1.
    const n = fitScoreNormaliser('robust-z', [1, 1, 1, 5]);
    assert.deepEqual(n, { kind: 'robust-z', median: 1, scale: Math.sqrt(Math.PI / 2) });
  });

  it('rank is the empirical CDF, linear between training scores', () => {
    const n = fitScoreNormaliser('rank', [4, 1, 3, 2]);
    assert.deepEqual(n, { kind: 'rank', quantiles: [1, 2, 3, 4] });
    closeAll(normaliseScores(n, [0, 1, 2, 2.5, 4, 9]), [0, 0, 1 / 3, 0.5, 1, 1]);
  });

  it('rank keeps only the requested number of quantile knots', () => {
    const training = Array.from({ length: 101 }, (_, i) => i);
    const n = fitScoreNormaliser('rank', training, { rankKnots: 11 });
    assert.ok(n.kind === 'rank');
    assert.deepEqual(n.quantiles, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    closeAll(normaliseScores(n, [25, 99]), [0.25, 0.99]);
  });

  it('survives a JSON round trip unchanged', () => {
    for (const kind of ['min-max', 'robust-z', 'rank'] as const) {
      const n = fitScoreNormaliser(kind, [0.3, 0.1, 0.7, 0.2, 0.9]);
      const restored = JSON.parse(JSON.stringify(n)) as ScoreNormaliser;
      assert.deepEqual(normaliseScores(restored, [0.15, 0.5, 2]), normaliseScores(n, [0.15, 0.5, 2]));
    }
  });

  it('exposes min-max and robust-z as s · scale + offset for an ensemble graph', () => {
    const { scale, offset } = affineCoefficients({ kind: 'min-max', min: 2, max: 6 });
    assert.deepEqual([scale, offset], [0.25, -0.5]);
  });

  it('refuses constant or empty training scores with a clear error', () => {
    assert.throws(() => fitScoreNormaliser('min-max', [3, 3, 3]), /all 3 training scores equal 3/);
    assert.throws(() => fitScoreNormaliser('rank', []), /no training scores/);
    assert.throws(() => normaliseScores({ kind: 'min-max', min: 0, max: 1 }, [Number.NaN]), /score at 0 is NaN/);
  });
});

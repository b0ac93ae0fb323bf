import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prAuc, rocAuc } from '../../../../activities/models/metrics';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);

/** scikit-learn's documentation example for roc_auc_score and average_precision_score. */
const SKLEARN_EXAMPLE = { scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1] };

/** Deterministic scores with many ties: small integers from a multiplicative hash. */
function tiedScores(n: number): { scores: number[]; labels: number[] } {
  const scores = Array.from({ length: n }, (_, i) => (i * 7919) % 13);
  const labels = scores.map((s, i) => (s + (i % 5) > 12 ? 1 : 0));
  return { scores, labels };
}

describe('rocAuc (Mann–Whitney U)', () => {
  it('matches scikit-learn on its documentation example: 0.75', () => {
    close(rocAuc(SKLEARN_EXAMPLE.scores, SKLEARN_EXAMPLE.labels), 0.75);
  });

  it('counts a tied positive–negative pair as one half', () => {
    // Pairs (anomaly, normal): (2,1)=1, (2,2)=½, (3,1)=1, (3,2)=1 → 3.5 / 4.
    close(rocAuc([1, 2, 2, 3], [0, 0, 1, 1]), 0.875);
    close(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    close(rocAuc([1, 2, 3, 4], [0, 0, 1, 1]), 1);
    close(rocAuc([4, 3, 2, 1], [0, 0, 1, 1]), 0);
  });

  it('equals the share of correctly ordered pairs, ties ½, on 200 tied scores', () => {
    const { scores, labels } = tiedScores(200);
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < scores.length; i++) {
      for (let j = 0; j < scores.length; j++) {
        if (labels[i] !== 1 || labels[j] !== 0) continue;
        pairs++;
        wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    assert.ok(pairs > 0);
    close(rocAuc(scores, labels), wins / pairs);
    close(
      rocAuc(
        Float32Array.from(scores),
        labels.map((l) => l === 1),
      ),
      wins / pairs,
    );
  });

  it('throws a clear error when a class is missing', () => {
    assert.throws(() => rocAuc([1, 2, 3], [0, 0, 0]), /rocAuc: all 3 labels are normal/);
    assert.throws(() => rocAuc([1, 2, 3], [1, 1, 1]), /rocAuc: all 3 labels are anomalies/);
  });

  it('rejects mismatched lengths, bad labels and non-finite scores', () => {
    assert.throws(() => rocAuc([1, 2], [0, 1, 1]), /2 scores but 3 labels/);
    assert.throws(() => rocAuc([1, 2], [0, 2]), /label at 1 is 2/);
    assert.throws(() => rocAuc([1, Number.NaN], [0, 1]), /score at 1 is NaN/);
    assert.throws(() => rocAuc([], []), /no scores/);
  });
});

describe('prAuc (average precision, step-wise)', () => {
  it('matches scikit-learn on its documentation example: 0.8333…', () => {
    // Thresholds 0.8: P=1, R=½; 0.4: P=½, R=½; 0.35: P=⅔, R=1; 0.1: P=½, R=1 → ½·1 + ½·⅔.
    close(prAuc(SKLEARN_EXAMPLE.scores, SKLEARN_EXAMPLE.labels), 0.5 + 1 / 3);
  });

  it('lets tied scores enter together', () => {
    // 3: P=1, R=½; 2 (one anomaly, one normal tied): P=⅔, R=1 → ½ + ½·⅔.
    close(prAuc([1, 2, 2, 3], [0, 0, 1, 1]), 0.5 + 1 / 3);
    // One threshold for everything: P=½, R=1.
    close(prAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
  });

  it('equals the mean precision at each anomaly’s rank when no scores tie', () => {
    const scores = Array.from({ length: 50 }, (_, i) => ((i * 37) % 50) + 0.5);
    const labels = scores.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
    let found = 0;
    let sum = 0;
    order.forEach((index, rank) => {
      if (labels[index] === 1) sum += ++found / (rank + 1);
    });
    close(prAuc(scores, labels), sum / found);
  });

  it('is 1 with only anomalies (as scikit-learn) and throws without any', () => {
    close(prAuc([1, 2], [1, 1]), 1);
    assert.throws(() => prAuc([1, 2], [0, 0]), /prAuc: all 2 labels are normal \(0\); it needs at least one anomaly/);
  });
});

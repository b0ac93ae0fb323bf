import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseThreshold, confusionAt } from '../../../../activities/models/metrics';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);

const SCORES = [0.1, 0.4, 0.35, 0.8];
const LABELS = [0, 0, 1, 1];

describe('confusionAt', () => {
  it('calls score >= threshold an anomaly', () => {
    // Flagged: 0.4 (normal), 0.35 and 0.8 (anomalies) → tp 2, fp 1, fn 0, tn 1.
    const c = confusionAt(SCORES, LABELS, 0.35);
    assert.deepEqual([c.truePositives, c.falsePositives, c.trueNegatives, c.falseNegatives], [2, 1, 1, 0]);
    close(c.precision, 2 / 3);
    close(c.recall, 1);
    close(c.f1, 0.8);
  });

  it('gives precision and F1 of 0 when nothing is flagged, and recall 0 without anomalies', () => {
    const none = confusionAt(SCORES, LABELS, 1);
    assert.deepEqual([none.precision, none.recall, none.f1], [0, 0, 0]);
    const noAnomalies = confusionAt(SCORES, [0, 0, 0, 0], 0.3);
    assert.deepEqual([noAnomalies.falsePositives, noAnomalies.recall, noAnomalies.f1], [3, 0, 0]);
  });

  it('rejects a NaN threshold', () => {
    assert.throws(() => confusionAt(SCORES, LABELS, Number.NaN), /threshold is NaN/);
  });
});

describe('chooseThreshold by F1', () => {
  it('sweeps every distinct score and keeps the best F1', () => {
    // F1 at 0.8: ⅔; 0.4: ½; 0.35: 0.8; 0.1: ⅔.
    const best = chooseThreshold(SCORES, LABELS, { by: 'f1' });
    assert.equal(best.threshold, 0.35);
    close(best.f1, 0.8);
    close(best.precision, 2 / 3);
    close(best.recall, 1);
  });

  it('keeps the higher threshold when F1 ties (fewer alerts)', () => {
    // F1 = 2tp / (flagged + anomalies). At 4: 2/3. At 3: 2/4. At 2: 2/5. At 1: 4/6 = ⅔ again.
    const best = chooseThreshold([4, 3, 2, 1], [1, 0, 0, 1], { by: 'f1' });
    assert.equal(best.threshold, 4);
    close(best.f1, 2 / 3);
  });

  it('treats tied scores as one candidate', () => {
    const best = chooseThreshold([5, 5, 1], [1, 0, 0], { by: 'f1' });
    assert.equal(best.threshold, 5);
    close(best.precision, 0.5);
  });

  it('agrees with confusionAt at the threshold it picks', () => {
    const best = chooseThreshold(SCORES, LABELS, { by: 'f1' });
    assert.deepEqual(confusionAt(SCORES, LABELS, best.threshold), best);
  });

  it('throws without anomalies', () => {
    assert.throws(() => chooseThreshold([1, 2], [0, 0], { by: 'f1' }), /needs at least one anomaly/);
  });
});

describe('chooseThreshold by contamination', () => {
  it('takes the (1 − contamination) quantile with linear interpolation', () => {
    // Position 0.8 · 4 = 3.2 between 4 and 5 → 4.2; only 5 is flagged (20 %).
    const result = chooseThreshold([3, 1, 5, 2, 4], { by: 'contamination', contamination: 0.2 });
    close(result.threshold, 4.2);
    assert.equal(result.flagged, 1);
  });

  it('flags 5 of 100 distinct scores at 5 %', () => {
    const scores = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    const result = chooseThreshold(scores, { by: 'contamination', contamination: 0.05 });
    close(result.threshold, 94.05);
    assert.equal(result.flagged, 5);
  });

  it('reports every tied score at the cut as flagged', () => {
    assert.equal(chooseThreshold([1, 2, 2, 2], { by: 'contamination', contamination: 0.25 }).flagged, 3);
  });

  it('rejects a contamination outside (0, 1) and empty scores', () => {
    assert.throws(() => chooseThreshold([1, 2], { by: 'contamination', contamination: 0 }), /must be in \(0, 1\)/);
    assert.throws(() => chooseThreshold([1, 2], { by: 'contamination', contamination: 1 }), /must be in \(0, 1\)/);
    assert.throws(() => chooseThreshold([], { by: 'contamination', contamination: 0.1 }), /no scores/);
  });
});

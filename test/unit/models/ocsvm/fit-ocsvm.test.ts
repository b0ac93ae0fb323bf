import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rowOf } from '../../../../activities/models/data';
import {
  anomalyScore,
  anomalyScores,
  decisionValue,
  fitOneClassSvm,
  trainOneClassSvm,
} from '../../../../activities/models/ocsvm';
import { gaussianRows, matrixFromRows } from './synthetic-rows';

const blob = (count: number, seed: number) => matrixFromRows(gaussianRows(count, 3, seed));

describe('fitOneClassSvm', () => {
  it('is deterministic by seed, and the seed only matters when rows are sampled', () => {
    const x = blob(400, 21);
    const sampled = (seed: number) => fitOneClassSvm(x, { maxTrainingRows: 150, seed }).model;
    assert.deepEqual(sampled(1), sampled(1));
    assert.notDeepEqual(sampled(1).supportVectors, sampled(2).supportVectors);
    assert.deepEqual(fitOneClassSvm(x, { seed: 1 }).model, fitOneClassSvm(x, { seed: 2 }).model);
  });

  it('bounds the training sample and says so in the report', () => {
    const { model, report } = fitOneClassSvm(blob(400, 22), { maxTrainingRows: 120 });
    assert.equal(model.trainingRows, 120);
    assert.equal(report.sampledFrom, 400);
    assert.ok(report.converged);
  });

  it('resolves gamma: auto = 1/d, scale = 1/(d·Var X), or the number given', () => {
    const x = matrixFromRows([
      [0, 2],
      [2, 0],
      [4, 6],
    ]);
    // Var over every entry of X: values 0, 2, 2, 0, 4, 6 have mean 7/3 and variance 41/9.
    assert.equal(fitOneClassSvm(x).model.gamma, 0.5);
    assert.ok(Math.abs(fitOneClassSvm(x, { gamma: 'scale' }).model.gamma - 9 / (2 * 41)) < 1e-15);
    assert.equal(fitOneClassSvm(x, { gamma: 0.125 }).model.gamma, 0.125);
    assert.throws(() => fitOneClassSvm(x, { gamma: 0 }), /gamma/);
    assert.throws(() => fitOneClassSvm(x, { nu: 0 }), /nu/);
    assert.throws(
      () =>
        fitOneClassSvm(
          matrixFromRows([
            [0, 1],
            [Number.NaN, 2],
          ]),
        ),
      /row 1, feature 0/,
    );
  });

  it('keeps Σα = ν·l, at least ν·l support vectors and at most ν·l training rows outside', () => {
    const x = blob(500, 23);
    for (const nu of [0.1, 0.5]) {
      const { model } = fitOneClassSvm(x, { nu });
      const total = model.coefficients.reduce((s, a) => s + a, 0);
      assert.ok(Math.abs(total - nu * x.rows) < 1e-9);
      assert.ok(model.coefficients.length >= nu * x.rows);
      // Slack for the solver's 1e-3 stopping tolerance, which lets borderline rows sit just either side of f = 0.
      const outside = Array.from({ length: x.rows }, (_, i) => decisionValue(model, rowOf(x, i))).filter(
        (f) => f < -1e-3,
      ).length;
      assert.ok(outside <= nu * x.rows, `${outside} rows outside at ν = ${nu}`);
    }
  });
});

describe('scoring', () => {
  it('ranks an obvious outlier highest and agrees row by row with the batch scorer', () => {
    const { detector } = trainOneClassSvm(blob(300, 24));
    const test = matrixFromRows([...gaussianRows(50, 3, 25), [0.2, 6, -0.1]]);
    const scores = detector.score(test);
    const top = scores.indexOf(Math.max(...scores));
    assert.equal(top, 50);
    assert.ok(scores[50]! > 0, 'the outlier lies outside the boundary');
    for (let i = 0; i < test.rows; i++) assert.equal(scores[i], anomalyScore(detector.model, rowOf(test, i)));
  });

  it('scales −f by 1/(ν·l), so scores do not grow with the training sample', () => {
    const small = fitOneClassSvm(blob(200, 26)).model;
    const large = fitOneClassSvm(blob(800, 26)).model;
    const probe = matrixFromRows([
      [0, 0, 0],
      [3, 3, 3],
    ]);
    const [smallScores, largeScores] = [anomalyScores(small, probe), anomalyScores(large, probe)];
    assert.ok(Math.abs(smallScores[0]! - largeScores[0]!) < 0.1 && Math.abs(smallScores[1]! - largeScores[1]!) < 0.1);
    assert.equal(anomalyScore(small, [1, 2, 3]), -decisionValue(small, [1, 2, 3]) / (0.5 * 200));
  });

  it('rejects rows of the wrong width', () => {
    const { model } = fitOneClassSvm(blob(50, 27));
    assert.throws(() => anomalyScore(model, [1, 2]), /expected 3 features/);
  });
});

describe('topFeatures', () => {
  const { detector } = trainOneClassSvm(blob(300, 28));

  it('names the feature an outlier is displaced in, with shares summing to one', () => {
    const all = detector.topFeatures([0.1, -0.2, 7], 3);
    assert.equal(all[0]?.feature, 2);
    assert.ok(all[0]!.share > 0.9);
    assert.ok(Math.abs(all.reduce((s, c) => s + c.share, 0) - 1) < 1e-12);
    assert.deepEqual(
      detector.topFeatures([0.1, -0.2, 7], 1).map((c) => c.feature),
      [2],
    );
  });

  it('still explains a row so far out that every kernel value underflows to zero', () => {
    const [first] = detector.topFeatures([1e4, 0, 0], 2);
    assert.ok(first && first.feature === 0 && first.share > 0.99 && Number.isFinite(first.contribution));
  });
});

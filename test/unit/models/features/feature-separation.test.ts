import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ANOMALY_KINDS, type AnomalyKind } from '../../../../client/generate';
import {
  FEATURE_BOUNDS,
  FEATURE_NAMES,
  extractFeatures,
  featureIndex,
  fitFeatureReference,
  type FeatureMatrix,
  type FeatureName,
  type FeatureReference,
} from '../../../../activities/models/features';
import { rocAuc } from '../../../../activities/models/metrics';
import { column } from './feature-trade-fixture';
import { generatedDay, type GeneratedDay } from './generated-day';

/**
 * The feature that should single out each injected kind, and which way: days_to_effective is negative when the
 * effective date lies before the execution date.
 */
const SEPARATING_FEATURE: Readonly<Record<AnomalyKind, { feature: FeatureName; direction: 1 | -1 }>> = {
  fat_finger_notional: { feature: 'notional_log_z', direction: 1 },
  off_market_rate: { feature: 'rate_deviation', direction: 1 },
  outside_market_hours: { feature: 'minutes_outside_market', direction: 1 },
  wash_pair: { feature: 'wash_indicator', direction: 1 },
  counterparty_burst: { feature: 'counterparty_burst', direction: 1 },
  inconsistent_dates: { feature: 'days_to_effective_slog', direction: -1 },
};
const MIN_AUC = 0.9;

describe('features on a generated day (20k rows, reference fitted on the day before)', () => {
  let training: GeneratedDay;
  let day: GeneratedDay;
  let reference: FeatureReference;
  let matrix: FeatureMatrix;

  before(() => {
    training = generatedDay({ date: '2026-11-19', rows: 20_000, seed: 1, anomalyRate: 0.01 });
    day = generatedDay({ date: '2026-11-20', rows: 20_000, seed: 99, anomalyRate: 0.02 });
    reference = fitFeatureReference(training.trades);
    matrix = extractFeatures(day.trades, reference);
  });

  it('has one row per trade and the FEATURE_NAMES columns', () => {
    assert.equal(matrix.rows, day.trades.length);
    assert.equal(matrix.cols, FEATURE_NAMES.length);
    assert.deepEqual(matrix.names, FEATURE_NAMES);
    assert.equal(matrix.data.length, matrix.rows * matrix.cols);
  });

  it('is finite and within FEATURE_BOUNDS everywhere', () => {
    FEATURE_NAMES.forEach((name, j) => {
      const [min, max] = FEATURE_BOUNDS[name];
      for (const value of column(matrix, j)) {
        assert.ok(Number.isFinite(value) && value >= min && value <= max, `${name} = ${value}`);
      }
    });
  });

  for (const kind of ANOMALY_KINDS) {
    const { feature, direction } = SEPARATING_FEATURE[kind];
    it(`separates ${kind} from normal rows by ${feature} alone (ROC AUC ≥ ${MIN_AUC})`, (t) => {
      const values = column(matrix, featureIndex(feature));
      const scores: number[] = [];
      const labels: number[] = [];
      day.labels.forEach((label, i) => {
        if (label !== kind && label !== 'normal') return;
        scores.push(direction * values[i]!);
        labels.push(label === kind ? 1 : 0);
      });
      const positives = labels.filter((y) => y === 1).length;
      assert.ok(positives >= 20, `enough ${kind} rows (${positives})`);
      const auc = rocAuc(scores, labels);
      t.diagnostic(`${kind}: ROC AUC of ${feature} = ${auc.toFixed(4)} (${positives} rows)`);
      assert.ok(auc >= MIN_AUC, `${kind}: ROC AUC of ${feature} is ${auc.toFixed(4)}`);
    });
  }

  it('is deterministic: the same trades give bit-identical features', () => {
    const again = extractFeatures(day.trades, reference);
    assert.deepEqual(again.data, matrix.data);
  });

  it('does not depend on the order of the batch: reversed input gives the same rows, reversed', () => {
    const reversed = extractFeatures([...day.trades].reverse(), reference);
    const n = matrix.rows;
    const cols = matrix.cols;
    for (let i = 0; i < n; i += 97) {
      assert.deepEqual(
        reversed.data.subarray((n - 1 - i) * cols, (n - i) * cols),
        matrix.data.subarray(i * cols, (i + 1) * cols),
        `row ${i}`,
      );
    }
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  extractFeatures,
  fitFeatureReference,
  parseFeatureReference,
  type FeatureReference,
} from '../../../../activities/models/features';
import { buildReferenceData } from '../../../../client/generate/reference-data';
import { generatedDay, type GeneratedDay } from './generated-day';

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

describe('fitFeatureReference', () => {
  let day: GeneratedDay;
  let reference: FeatureReference;

  before(() => {
    day = generatedDay({ date: '2026-11-19', rows: 3000, seed: 5, anomalyRate: 0.01 });
    reference = fitFeatureReference(day.trades);
  });

  it('records the training window, the reporting bank and yardsticks by product, currency and tenor', () => {
    assert.equal(reference.trainingWindow.trades, 3000);
    // The KST business date 2026-11-19 runs from 15:00 UTC the day before.
    const { from, to } = reference.trainingWindow;
    assert.ok(from >= '2026-11-18T15:00:00.000Z' && from < to && to < '2026-11-19T15:00:00.000Z', `${from} – ${to}`);
    assert.equal(reference.reportingEntity, buildReferenceData().bank.lei);
    const krwIrs = reference.logNotional['IRS|KRW'];
    assert.ok(krwIrs && Math.abs(krwIrs.mean - 10) < 0.3 && krwIrs.std > 0.2 && krwIrs.std < 0.45, 'KRW IRS ~10bn');
    assert.ok(reference.logNotional['*|USD'], 'a currency-wide fallback');
    const fiveYear = reference.rateLevels['IRS|KRW||5Y|fixed_rate_leg1'];
    assert.ok(fiveYear && Math.abs(fiveYear.median - 0.0275) < 0.003, 'KRW 5Y IRS near the curve');
    assert.ok(reference.rateLevels['FX_SWAP|USD|KRW|3M|price'], 'FX swaps by their forward price');
  });

  it('gives each counterparty and trader a share of the flow, the shares summing to 1', () => {
    assert.ok(Math.abs(sum(Object.values(reference.counterpartyShare)) - 1) < 1e-9);
    assert.ok(Math.abs(sum(Object.values(reference.traderShare)) - 1) < 1e-9);
    assert.ok(!(reference.reportingEntity! in reference.counterpartyShare), 'the bank is never the other side');
    assert.equal(reference.unseenShare, 0.5 / 3000);
  });

  it('round-trips through JSON and gives identical features after the trip', () => {
    const stored = parseFeatureReference(JSON.parse(JSON.stringify(reference)));
    assert.deepEqual(stored, reference);
    assert.deepEqual(extractFeatures(day.trades, stored).data, extractFeatures(day.trades, reference).data);
  });

  it('is the same JSON whatever the order of the training trades', () => {
    assert.equal(JSON.stringify(fitFeatureReference([...day.trades].reverse())), JSON.stringify(reference));
  });

  it('takes the training window from the caller when given', () => {
    const window = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
    assert.deepEqual(fitFeatureReference(day.trades, { window }).trainingWindow, { ...window, trades: 3000 });
  });

  it("keeps the week's own fat fingers from widening the notional yardstick", () => {
    const normal = day.trades.filter((_, i) => day.labels[i] === 'normal');
    const fatFingered = normal.map((t, i) => (i % 50 === 0 ? { ...t, notional_leg1: t.notional_leg1 * 1000 } : t));
    const clean = fitFeatureReference(normal).logNotional['IRS|KRW']!;
    const dirty = fitFeatureReference(fatFingered).logNotional['IRS|KRW']!;
    assert.ok(Math.abs(dirty.std - clean.std) < 0.02, `std ${clean.std} → ${dirty.std}`);
  });

  it('refuses an empty training set', () => {
    assert.throws(() => fitFeatureReference([]), /at least one trade/);
  });
});

describe('parseFeatureReference', () => {
  let valid: FeatureReference;
  before(() => {
    valid = fitFeatureReference(generatedDay({ date: '2026-11-19', rows: 300, seed: 6, anomalyRate: 0 }).trades);
  });

  it('refuses another version, a missing field or a negative spread', () => {
    assert.throws(() => parseFeatureReference({ ...valid, version: 2 }));
    const { unseenShare: _dropped, ...missing } = valid;
    assert.throws(() => parseFeatureReference(missing));
    assert.throws(() =>
      parseFeatureReference({ ...valid, logNotional: { 'IRS|KRW': { mean: 10, std: -1, count: 3 } } }),
    );
    assert.throws(() => parseFeatureReference('{}'));
  });
});

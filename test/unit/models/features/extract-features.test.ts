import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FEATURE_BOUNDS,
  FEATURE_NAMES,
  MIN_BATCH_BUCKET,
  extractFeatures,
  featureIndex,
  fitFeatureReference,
  type FeatureName,
  type FeatureTrade,
} from '../../../../activities/models/features';
import { BANK, DEALER, FRIDAY_10_KST, MINUTE, featureTrade } from './feature-trade-fixture';

const DEALERS = ['DEALERA', 'DEALERB', 'DEALERC', 'DEALERD', DEALER];
const TRADERS = ['KSB1001', 'KSB1002', 'KSB1003'];

/** A steady morning: one trade a minute from 09:00, rotating over five dealers and three traders. */
function steadyFlow(count: number, startMs = FRIDAY_10_KST - 60 * MINUTE): FeatureTrade[] {
  return Array.from({ length: count }, (_, i) =>
    featureTrade({
      event_key: `flow-${i}`,
      executionMs: startMs + i * MINUTE,
      counterparty_2: DEALERS[i % DEALERS.length]!,
      trader_id: TRADERS[i % TRADERS.length]!,
      notional_leg1: 10e9 * (1 + (i % 7) / 10),
      fixed_rate_leg1: 0.0275 + ((i % 5) - 2) * 0.00001,
    }),
  );
}

const reference = fitFeatureReference(steadyFlow(240));

/** The named feature of every trade in the batch (all features are computed together). */
function feature(trades: FeatureTrade[], name: FeatureName): number[] {
  const m = extractFeatures(trades, reference);
  const j = featureIndex(name);
  return Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]!);
}
const last = (values: number[]) => values[values.length - 1]!;

describe('wash_indicator', () => {
  const first = featureTrade({ event_key: 'w1', notional_leg1: 7e9, fixed_rate_leg1: 0.0281 });
  const mirror = (delayMs: number, overrides: Partial<FeatureTrade> = {}) =>
    featureTrade({
      ...first,
      event_key: 'w2',
      counterparty_1: DEALER,
      counterparty_2: BANK,
      executionMs: first.executionMs + delayMs,
      ...overrides,
    });

  it('flags self-dealing', () => {
    assert.deepEqual(feature([featureTrade({ counterparty_2: BANK })], 'wash_indicator'), [1]);
  });

  it('flags both legs of a mirror within 10 minutes', () => {
    assert.deepEqual(feature([first, mirror(4 * MINUTE)], 'wash_indicator'), [1, 1]);
  });

  it('ignores a mirror more than 10 minutes away, or one with other economics, or the same side twice', () => {
    assert.deepEqual(feature([first, mirror(11 * MINUTE)], 'wash_indicator'), [0, 0]);
    assert.deepEqual(feature([first, mirror(MINUTE, { notional_leg1: 8e9 })], 'wash_indicator'), [0, 0]);
    assert.deepEqual(feature([first, mirror(MINUTE, { fixed_rate_leg1: 0.0282 })], 'wash_indicator'), [0, 0]);
    const repeat = { ...first, event_key: 'w3', executionMs: first.executionMs + MINUTE };
    assert.deepEqual(feature([first, repeat], 'wash_indicator'), [0, 0]);
  });
});

describe('counterparty_burst and trader_burst', () => {
  it('stands out for an unseen counterparty trading 15 times in 5 minutes amid normal flow', () => {
    const flow = steadyFlow(120);
    const burst = Array.from({ length: 15 }, (_, i) =>
      featureTrade({ event_key: `b${i}`, counterparty_2: 'QUIETNAME', executionMs: FRIDAY_10_KST + i * 20_000 }),
    );
    const values = feature([...flow, ...burst], 'counterparty_burst');
    const flowMax = Math.max(...values.slice(0, flow.length));
    const burstMin = Math.min(...values.slice(flow.length));
    assert.ok(burstMin > 2, `burst rows ${burstMin}`);
    assert.ok(flowMax < 0.5, `usual dealers ${flowMax}`);
  });

  it('leaves a lone trade of an unseen counterparty (nothing else in its window) at 0', () => {
    assert.deepEqual(feature([featureTrade({ counterparty_2: 'QUIETNAME' })], 'counterparty_burst'), [0]);
  });

  it('counts the trader the same way', () => {
    const flow = steadyFlow(120);
    const busy = Array.from({ length: 15 }, (_, i) =>
      featureTrade({ event_key: `t${i}`, trader_id: 'KSB9999', executionMs: FRIDAY_10_KST + i * 20_000 }),
    );
    assert.ok(last(feature([...flow, ...busy], 'trader_burst')) > 2);
  });
});

describe('rate_deviation', () => {
  it("uses the reference's level when the day's bucket is thin", () => {
    const offMarket = featureTrade({ fixed_rate_leg1: 0.0305 });
    assert.ok(feature([offMarket], 'rate_deviation')[0]! > 3, '300bp over the reference level');
  });

  it("follows the day's own level once the bucket has enough trades (the market moved)", () => {
    const movedMarket = steadyFlow(MIN_BATCH_BUCKET * 2).map((t) => ({
      ...t,
      fixed_rate_leg1: t.fixed_rate_leg1! + 0.003,
    }));
    assert.ok(Math.max(...feature(movedMarket, 'rate_deviation')) < 1.5);
    const offMarket = featureTrade({ event_key: 'off', fixed_rate_leg1: 0.0275 + 0.003 + 0.03 });
    assert.ok(last(feature([...movedMarket, offMarket], 'rate_deviation')) > 3);
  });

  it("leaves a lifecycle event at 0: it carries the rate of its start, not today's market", () => {
    const oldSwapTerminated = featureTrade({
      action_type: 'TERM',
      fixed_rate_leg1: 0.0125,
      effective_date: '2021-11-23',
      expiration_date: '2031-11-24',
    });
    const [deviation, daysToEffective] = ['rate_deviation', 'days_to_effective_slog'].map(
      (name) => feature([oldSwapTerminated], name as FeatureName)[0],
    );
    assert.deepEqual([deviation, daysToEffective], [0, 0]);
  });

  it('is 0 for a trade without a quote', () => {
    assert.deepEqual(feature([featureTrade({ fixed_rate_leg1: null })], 'rate_deviation'), [0]);
  });
});

describe('dates and notional', () => {
  it('makes days_to_effective negative when the trade started before it was executed', () => {
    const [onTime, backdated] = feature(
      [featureTrade(), featureTrade({ effective_date: '2026-06-01', expiration_date: '2031-06-02' })],
      'days_to_effective_slog',
    );
    assert.ok(onTime! > 0 && backdated! < -4, `${onTime} ${backdated}`);
  });

  it('puts a 1000× notional far out and an unknown product and currency at 0', () => {
    const [usual, fatFinger, unknown] = feature(
      [
        featureTrade(),
        featureTrade({ notional_leg1: 10e12 }),
        featureTrade({ product: 'NEW', notional_currency_leg1: 'XAU' }),
      ],
      'notional_log_z',
    );
    assert.ok(Math.abs(usual!) < 2 && fatFinger! > 10 && unknown === 0, `${usual} ${fatFinger} ${unknown}`);
  });

  it('stays finite and within bounds for extreme but valid trades', () => {
    const odd = [
      featureTrade({ notional_leg1: 1e-5 }),
      featureTrade({ notional_leg1: 1e20 }),
      featureTrade({ effective_date: '2026-11-23', expiration_date: '2026-11-23' }),
      featureTrade({ effective_date: '1990-01-01', expiration_date: '2126-01-01' }),
      featureTrade({ executionMs: Date.parse('2026-11-21T12:00:00+09:00') }),
      featureTrade({ fixed_rate_leg1: 1e8 }),
      featureTrade({ product: 'CDS', fixed_rate_leg1: null, spread: null, price: null }),
    ];
    const m = extractFeatures(odd, reference);
    FEATURE_NAMES.forEach((name, j) => {
      const [min, max] = FEATURE_BOUNDS[name];
      for (let i = 0; i < m.rows; i++) {
        const value = m.data[i * m.cols + j]!;
        assert.ok(Number.isFinite(value) && value >= min && value <= max, `${name} of trade ${i}: ${value}`);
      }
    });
  });

  it('returns an empty matrix for an empty batch', () => {
    const m = extractFeatures([], reference);
    assert.deepEqual([m.rows, m.cols, m.data.length], [0, FEATURE_NAMES.length, 0]);
  });
});

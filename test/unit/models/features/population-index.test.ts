import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateRules } from '../../../../activities/detection/rules/evaluate-rules';
import { extractFeatures, fitFeatureReference, type FeatureTrade } from '../../../../activities/models/features';
import { otherSideOf } from '../../../../activities/models/features/market-level';
import { PopulationIndex, populationIndexOf } from '../../../../activities/models/features/population-index';
import { factsOf } from '../../../../activities/models/features/trade-facts';
import { DEFAULT_RULE_SET, parseRuleSet } from '../../../../schemas/detection/rule-set';
import { generatedDay } from './generated-day';

const WINDOW_MS = 10 * 60_000;
const day = generatedDay({ date: '2026-11-18', rows: 3000, seed: 5, anomalyRate: 0.02 });
const reference = fitFeatureReference(generatedDay({ date: '2026-11-17', rows: 3000, seed: 4, anomalyRate: 0 }).trades);

/** Brute force: every other trade looked at, nothing indexed. */
function naiveCount(trades: readonly FeatureTrade[], t: number, same: (x: FeatureTrade) => boolean): number {
  return trades.filter((x) => x.executionMs >= t - WINDOW_MS && x.executionMs <= t + WINDOW_MS && same(x)).length;
}

describe('population index', () => {
  // Shuffled: the index must not rely on the population arriving in time order.
  const shuffled = day.trades.map((t, i) => ({ t, k: (i * 7919) % day.trades.length }));
  shuffled.sort((a, b) => a.k - b.k);
  const trades = shuffled.map((s) => s.t);
  const reporting = reference.reportingEntity;
  // Indexed (many trades asked about) and scanned (few): the same answers.
  const modes = [
    { mode: 'indexed', index: populationIndexOf(trades) },
    { mode: 'scanned', index: new PopulationIndex(trades, 1) },
  ];

  for (const { mode, index } of modes) {
    describe(mode, () => {
      it('counts trades, a trader’s and an other side’s within ±10 minutes, ends included, as a full scan does', () => {
        for (const trade of trades.slice(0, 300)) {
          const t = trade.executionMs;
          const other = otherSideOf(trade, reporting);
          assert.equal(
            index.countWithin(t, WINDOW_MS),
            naiveCount(trades, t, () => true),
          );
          assert.equal(
            index.traderCountWithin(factsOf(trade).traderKey, t, WINDOW_MS),
            naiveCount(trades, t, (x) => (x.trader_id ?? '') === (trade.trader_id ?? '')),
          );
          assert.equal(
            index.otherSideCountWithin(reporting, other, t, WINDOW_MS),
            naiveCount(trades, t, (x) => otherSideOf(x, reporting) === other),
          );
        }
        const t = trades[0]!.executionMs;
        assert.equal(
          populationIndexOf([trades[0]!, { ...trades[0]!, executionMs: t + WINDOW_MS }]).countWithin(t, WINDOW_MS),
          2,
        );
        assert.equal(
          populationIndexOf([trades[0]!, { ...trades[0]!, executionMs: t + WINDOW_MS + 1 }]).countWithin(t, WINDOW_MS),
          1,
        );
      });

      it('finds the earliest mirror trade a full scan finds', () => {
        let mirrored = 0;
        // Self-dealing is a wash on its own, before any mirror is looked for.
        for (const trade of trades.filter((t) => t.counterparty_1 !== t.counterparty_2)) {
          const facts = factsOf(trade);
          const expected = trades
            .map((x, j) => ({ x, j }))
            .filter(
              ({ x }) =>
                x.counterparty_1 === trade.counterparty_2 &&
                x.counterparty_2 === trade.counterparty_1 &&
                x.product === trade.product &&
                x.notional_currency_leg1 === trade.notional_currency_leg1 &&
                x.notional_leg1 === trade.notional_leg1 &&
                factsOf(x).level?.field === facts.level?.field &&
                factsOf(x).level?.value === facts.level?.value &&
                Math.abs(x.executionMs - trade.executionMs) <= WINDOW_MS,
            )
            .sort((a, b) => a.x.executionMs - b.x.executionMs)[0];
          const found = index.mirrorOf(trades.indexOf(trade), WINDOW_MS);
          assert.equal(found === -1 ? undefined : trades[found]!.executionMs, expected?.x.executionMs);
          if (found >= 0) mirrored++;
        }
        assert.ok(mirrored > 0, 'the generated day has wash pairs');
      });

      it('finds each day level a full scan finds', () => {
        for (const trade of trades.slice(0, 300)) {
          const key = factsOf(trade).pricedDayKey;
          if (key === null) continue;
          const values = trades.filter((x) => factsOf(x).pricedDayKey === key).map((x) => factsOf(x).level!.value);
          assert.equal(index.dayLevel(key)?.count, values.length);
        }
        assert.equal(index.dayLevel('no such bucket'), undefined);
      });
    });
  }

  it('gives a few targets at the end of their context the rows and rule hits they get in the whole batch', () => {
    const rules = parseRuleSet(DEFAULT_RULE_SET);
    const all = extractFeatures(day.trades, reference);
    // Real time: the flow before a few new trades, and the trades after them not yet there.
    for (const end of [500, 1234, 2999]) {
      const population = day.trades.slice(0, end + 1);
      const targets = population.slice(-3);
      const rows = extractFeatures(population, reference, { fromRow: population.length - 3 });
      const alone = extractFeatures(population, reference);
      assert.equal(rows.rows, 3);
      assert.deepEqual([...rows.data], [...alone.data.subarray((population.length - 3) * alone.cols)]);
      assert.deepEqual(
        evaluateRules({ targets, population, reference, rules }),
        evaluateRules({ targets: population, population, reference, rules }).slice(-3),
      );
    }
    // The last trade's window holds nothing after it, so the whole day gives it the same row.
    assert.deepEqual(
      [...extractFeatures(day.trades, reference, { fromRow: day.trades.length - 1 }).data],
      [...all.data.subarray((day.trades.length - 1) * all.cols)],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayNumberOf } from '../../../activities/models/features/trade-calendar';
import type { FeatureTrade } from '../../../activities/models/features';
import { fitFeatureReference } from '../../../activities/models/features';
import { concentrationRule } from '../../../activities/detection/rules/concentration-rule';
import { datesRule } from '../../../activities/detection/rules/dates-rule';
import { evaluateRules } from '../../../activities/detection/rules/evaluate-rules';
import { marketHoursRule } from '../../../activities/detection/rules/market-hours-rule';
import { notionalRule } from '../../../activities/detection/rules/notional-rule';
import { offMarketRule } from '../../../activities/detection/rules/off-market-rule';
import type { RuleEvaluator } from '../../../activities/detection/rules/rule-input';
import { washRule } from '../../../activities/detection/rules/wash-rule';
import { DEFAULT_RULE_SET, parseRuleSet, ruleSetSchema } from '../../../schemas/detection/rule-set';
import { BANK, DEALER, FRIDAY_10_KST, MINUTE, featureTrade } from '../models/features/feature-trade-fixture';

const rules = parseRuleSet(DEFAULT_RULE_SET);
const DEALERS = ['DEALERA', 'DEALERB', 'DEALERC', 'DEALERD', 'DEALERE', 'DEALERF', 'DEALERG', 'DEALERH'];

/** A steady morning: one trade a minute from 09:30 over eight dealers, rates within a fraction of a basis point. */
function flow(count: number): FeatureTrade[] {
  return Array.from({ length: count }, (_, i) =>
    featureTrade({
      event_key: `flow-${i}`,
      uti: `${BANK}FLOW${i}`,
      executionMs: FRIDAY_10_KST - 30 * MINUTE + i * MINUTE,
      counterparty_2: DEALERS[i % DEALERS.length]!,
      fixed_rate_leg1: 0.0275 + ((i % 5) - 2) * 0.00001,
    }),
  );
}

function judge(rule: RuleEvaluator, target: FeatureTrade, others: FeatureTrade[] = [], reference = null) {
  return rule({ targets: [target], population: [...others, target], reference, rules })[0] ?? null;
}

describe('rule set', () => {
  it('parses the default and turns market hours into minutes', () => {
    assert.equal(rules.marketHours.open, 9 * 60);
    assert.equal(rules.marketHours.close, 15 * 60 + 30);
  });
  it('rejects unknown keys and bad limits with the path named', () => {
    const bad = ruleSetSchema.safeParse({ ...DEFAULT_RULE_SET, extra: 1, wash: { windowMinutes: -1 } });
    assert.equal(bad.success, false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    assert.ok(paths.includes('wash.windowMinutes'), paths.join());
    assert.ok(bad.error!.issues.some((i) => i.code === 'unrecognized_keys'));
  });
});

describe('notional above the product limit', () => {
  it('fires above the KRW IRS limit with the amounts in the reason', () => {
    const hit = judge(notionalRule, featureTrade({ notional_leg1: 10e12 }));
    assert.equal(hit?.rule, 'notional_threshold');
    assert.match(hit!.reason, /10,000,000,000,000 KRW is above the IRS limit of 1,000,000,000,000 KRW/);
  });
  it('stays silent at the limit and uses * for another currency', () => {
    assert.equal(judge(notionalRule, featureTrade({ notional_leg1: 1e12 })), null);
    const eur = judge(notionalRule, featureTrade({ notional_leg1: 2e9, notional_currency_leg1: 'EUR' }));
    assert.match(eur!.reason, /1,000,000,000 EUR/);
  });
});

describe('off-market rate', () => {
  it("fires against the day's level and names it", () => {
    const hit = judge(offMarketRule, featureTrade({ event_key: 't', fixed_rate_leg1: 0.06 }), flow(30));
    assert.equal(hit?.rule, 'off_market');
    assert.match(
      hit!.reason,
      /fixed_rate_leg1 0\.06 is [\d.]+ robust deviations from the day's market level 0\.0275 for IRS KRW 5Y/,
    );
  });
  it('stays silent near the level, for lifecycle events, and with nothing to compare with', () => {
    assert.equal(judge(offMarketRule, featureTrade({ fixed_rate_leg1: 0.02752 }), flow(30)), null);
    assert.equal(judge(offMarketRule, featureTrade({ action_type: 'MODI', fixed_rate_leg1: 0.06 }), flow(30)), null);
    assert.equal(judge(offMarketRule, featureTrade({ fixed_rate_leg1: 0.06 }), flow(3)), null);
  });
  it("uses the reference's level when the day has too few quotes", () => {
    const reference = fitFeatureReference(flow(30));
    const hit = offMarketRule({
      targets: [featureTrade({ fixed_rate_leg1: 0.06 })],
      population: [featureTrade({ fixed_rate_leg1: 0.06 })],
      reference,
      rules,
    })[0];
    assert.match(hit!.reason, /reference market level/);
  });
});

describe('outside market hours', () => {
  it('fires before the open, at the close and on a weekend', () => {
    const at = (iso: string) => judge(marketHoursRule, featureTrade({ executionMs: Date.parse(iso) }));
    assert.match(at('2026-11-20T08:59:00+09:00')!.reason, /executed Friday 08:59 KST, outside market hours/);
    assert.ok(at('2026-11-20T15:30:00+09:00'));
    assert.match(at('2026-11-21T11:00:00+09:00')!.reason, /Saturday 11:00/);
  });
  it('stays silent inside the session', () => {
    assert.equal(judge(marketHoursRule, featureTrade({ executionMs: Date.parse('2026-11-20T15:29:59+09:00') })), null);
  });
  it('fires inside the session hours on a day the market is closed, naming why', () => {
    const chuseok = featureTrade({ executionMs: Date.parse('2026-09-25T10:00:00+09:00') });
    const closedDays = new Map([[dayNumberOf('2026-09-25'), '추석']]);
    const hit = marketHoursRule({ targets: [chuseok], population: [chuseok], reference: null, rules, closedDays })[0];
    assert.match(hit!.reason, /executed Friday 2026-09-25 10:00 KST, a day the market is closed \(추석\)/);
    // Without the calendar, or on an open day, the session hours alone decide.
    assert.equal(judge(marketHoursRule, chuseok), null);
    const open = featureTrade({ executionMs: Date.parse('2026-09-22T10:00:00+09:00') });
    assert.equal(marketHoursRule({ targets: [open], population: [open], reference: null, rules, closedDays })[0], null);
  });
});

describe('wash and self-dealing', () => {
  it('fires for self-dealing', () => {
    const hit = judge(washRule, featureTrade({ counterparty_2: BANK }));
    assert.match(hit!.reason, /self-dealing/);
  });
  it('fires for a mirror trade within the window, not outside it', () => {
    const first = featureTrade({ event_key: 'a', uti: `${BANK}A` });
    const mirror = (minutes: number) =>
      featureTrade({
        event_key: 'b',
        counterparty_1: DEALER,
        counterparty_2: BANK,
        executionMs: FRIDAY_10_KST + minutes * MINUTE,
      });
    assert.match(judge(washRule, mirror(3), [first])!.reason, /mirror trade .*A .*3\.0 minutes apart/);
    assert.equal(judge(washRule, mirror(11), [first]), null);
    // Different economics is not a mirror.
    assert.equal(judge(washRule, { ...mirror(3), notional_leg1: 2e9 }, [first]), null);
  });
});

describe("a counterparty's sudden concentration", () => {
  const burst = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      featureTrade({ event_key: `b${i}`, counterparty_2: 'QUIETCP', executionMs: FRIDAY_10_KST + i * 20_000 }),
    );
  it('fires when one counterparty suddenly holds many times its usual share of the window', () => {
    const trades = burst(10);
    // A long day of flow around the burst: the quiet name's share of the day is small, of the burst's window large.
    const hit = judge(concentrationRule, trades[9]!, [...flow(400), ...trades.slice(0, 9)]);
    assert.match(
      hit!.reason,
      /counterparty QUIETCP has 10 of the \d+ trades \(\d+%, usually 2\.4%\) within ±10 minutes/,
    );
  });
  it('stays silent for fewer than minTrades, and for a name whose usual share is that large', () => {
    const few = burst(5);
    assert.equal(judge(concentrationRule, few[4]!, few.slice(0, 4)), null);
    const trades = burst(10);
    const reference = fitFeatureReference(trades);
    const hits = concentrationRule({ targets: [trades[9]!], population: trades, reference, rules });
    assert.equal(hits[0], null);
  });
});

describe('inconsistent dates', () => {
  it('fires for back-dated, already expired, far forward and inverted dates', () => {
    const d = (effective_date: string, expiration_date: string, action_type = 'NEWT') =>
      judge(datesRule, featureTrade({ effective_date, expiration_date, action_type }));
    assert.match(d('2026-06-01', '2031-06-02')!.reason, /172 days before the execution date 2026-11-20/);
    assert.match(d('2026-01-05', '2026-07-06')!.reason, /expiration date 2026-07-06 is before the execution date/);
    assert.match(d('2028-11-20', '2033-11-21')!.reason, /days after the execution date/);
    assert.match(d('2031-11-24', '2026-11-24', 'MODI')!.reason, /is after expiration date/);
  });
  it('accepts a spot-starting trade and the old dates of a lifecycle event', () => {
    assert.equal(judge(datesRule, featureTrade()), null);
    assert.equal(judge(datesRule, featureTrade({ action_type: 'TERM', effective_date: '2024-01-02' })), null);
  });
});

describe('evaluateRules', () => {
  it('lists every hit of each target in rule order, and none for an ordinary trade', () => {
    const odd = featureTrade({
      event_key: 'odd',
      notional_leg1: 5e12,
      counterparty_2: BANK,
      executionMs: Date.parse('2026-11-20T22:00:00+09:00'),
    });
    const [oddHits, plainHits] = evaluateRules({
      targets: [odd, flow(30)[10]!],
      population: [...flow(30), odd],
      reference: null,
      rules,
    });
    assert.deepEqual(
      oddHits!.map((h) => h.rule),
      ['notional_threshold', 'outside_market_hours', 'wash_pair'],
    );
    assert.deepEqual(plainHits, []);
  });
});

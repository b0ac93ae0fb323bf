import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateRules } from '../../../activities/detection/rules/evaluate-rules';
import { DEFAULT_RULE_SET, parseRuleSet } from '../../../schemas/detection/rule-set';
import { generatedDay } from '../models/features/generated-day';

// The default rules on a generated day, against the generator's labels: each injected kind is caught by its rule,
// and ordinary trades are rarely flagged (the rules alone decide until the first champion exists).
const EXPECTED_RULE: Record<string, string> = {
  fat_finger_notional: 'notional_threshold',
  off_market_rate: 'off_market',
  outside_market_hours: 'outside_market_hours',
  wash_pair: 'wash_pair',
  counterparty_burst: 'counterparty_concentration',
  inconsistent_dates: 'inconsistent_dates',
};

it('catches most injected anomalies of each kind by their own rule and few ordinary trades', (t) => {
  const { trades, labels } = generatedDay({ date: '2026-11-18', rows: 20_000, seed: 5, anomalyRate: 0.01 });
  const hits = evaluateRules({
    targets: trades,
    population: trades,
    reference: null,
    rules: parseRuleSet(DEFAULT_RULE_SET),
  });
  const byKind = new Map<string, { n: number; caught: number }>();
  let normals = 0;
  let falseAlarms = 0;
  labels.forEach((label, i) => {
    if (label === 'normal') {
      normals++;
      if (hits[i]!.length > 0) falseAlarms++;
      return;
    }
    const kind = byKind.get(label) ?? { n: 0, caught: 0 };
    kind.n++;
    if (hits[i]!.some((h) => h.rule === EXPECTED_RULE[label])) kind.caught++;
    byKind.set(label, kind);
  });
  const report = JSON.stringify({ byKind: Object.fromEntries(byKind), falseAlarms, normals });
  assert.equal(byKind.size, 6, report);
  for (const [kind, { n, caught }] of byKind) assert.ok(caught / n >= 0.6, `${kind}: ${caught}/${n} ${report}`);
  assert.ok(falseAlarms / normals < 0.01, report);
  t.diagnostic(report);
});

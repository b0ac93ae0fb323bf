import { otherSideOf } from '../../models/features/market-level';
import { MS_PER_MINUTE } from '../../models/features/trade-calendar';
import type { RuleEvaluator } from './rule-input';
import { TimeIndex } from './time-index';

/**
 * A counterparty's sudden concentration: within ±window of the trade, the other side holds at least minTrades of
 * the trades and at least minShare of all of them, and (when the champion's reference knows its usual share) many
 * times that usual share — a big name's ordinary flow is not sudden.
 */
export const concentrationRule: RuleEvaluator = ({ targets, population, reference, rules }) => {
  const { windowMinutes, minTrades, minShare, usualShareMultiple } = rules.concentration;
  const windowMs = windowMinutes * MS_PER_MINUTE;
  const reporting = reference?.reportingEntity ?? mostFrequent(population.map((t) => t.counterparty_1));
  const all = new TimeIndex(
    population,
    () => '',
    (t) => t.executionMs,
  );
  const byOther = new TimeIndex(
    population,
    (t) => otherSideOf(t, reporting),
    (t) => t.executionMs,
  );
  const usual = new Map(Object.entries(reference?.counterpartyShare ?? {}));
  return targets.map((trade) => {
    const other = otherSideOf(trade, reporting);
    const n = byOther.countWithin(other, trade.executionMs, windowMs);
    if (n < minTrades) return null;
    const total = all.countWithin('', trade.executionMs, windowMs);
    const share = n / Math.max(total, 1);
    const usualShare = reference ? (usual.get(other) ?? reference.unseenShare) : undefined;
    if (share < minShare || (usualShare !== undefined && share < usualShareMultiple * usualShare)) return null;
    const usualText = usualShare === undefined ? '' : `, usually ${(usualShare * 100).toFixed(2)}%`;
    return {
      rule: 'counterparty_concentration',
      reason:
        `counterparty ${other} has ${n} of the ${total} trades (${(share * 100).toFixed(0)}%${usualText}) ` +
        `within ±${windowMinutes} minutes`,
    };
  });
};

function mostFrequent(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) [best, bestCount] = [v, c];
  }
  return best;
}

import { otherSideOf } from '../../models/features/market-level';
import { MS_PER_MINUTE } from '../../models/features/trade-calendar';
import type { RuleEvaluator, RuleInput } from './rule-input';
import { TimeIndex } from './time-index';

/**
 * A counterparty's sudden concentration: within ±window of the trade, the other side holds at least minTrades of
 * the trades, at least minShare of them, and many times its usual share — from the champion's reference, or
 * without one from the whole population at hand (a batch's day). A big name's ordinary flow is not sudden.
 */
export const concentrationRule: RuleEvaluator = ({ targets, population, reference, rules }) => {
  const { windowMinutes, minTrades, minShare, usualShareMultiple } = rules.concentration;
  const windowMs = windowMinutes * MS_PER_MINUTE;
  const reporting = reference?.reportingEntity ?? mostFrequent(population.map((t) => t.counterparty_1));
  const others = population.map((t) => otherSideOf(t, reporting));
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
  const usualShare = usualShares(others, reference);
  return targets.map((trade) => {
    const other = otherSideOf(trade, reporting);
    const n = byOther.countWithin(other, trade.executionMs, windowMs);
    if (n < minTrades) return null;
    const total = all.countWithin('', trade.executionMs, windowMs);
    const share = n / Math.max(total, 1);
    const usual = usualShare(other);
    if (share < minShare || share < usualShareMultiple * usual) return null;
    return {
      rule: 'counterparty_concentration',
      reason:
        `counterparty ${other} has ${n} of the ${total} trades (${percent(share)}, usually ${percent(usual)}) ` +
        `within ±${windowMinutes} minutes`,
    };
  });
};

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : share < 0.1 ? 1 : 0)}%`;
}

/** Each name's usual share of the flow: the reference's when there is one, else its share of the population. */
function usualShares(others: readonly string[], reference: RuleInput['reference']): (name: string) => number {
  if (reference) {
    const shares = new Map(Object.entries(reference.counterpartyShare));
    return (name) => shares.get(name) ?? reference.unseenShare;
  }
  const counts = new Map<string, number>();
  for (const name of others) counts.set(name, (counts.get(name) ?? 0) + 1);
  return (name) => (counts.get(name) ?? 0) / Math.max(others.length, 1);
}

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

import { otherSideOf } from '../../models/features/market-level';
import { populationIndexOf } from '../../models/features/population-index';
import { lookupsOf } from '../../models/features/reference-lookups';
import { MS_PER_MINUTE } from '../../models/features/trade-calendar';
import type { RuleEvaluator, RuleInput } from './rule-input';

/**
 * A counterparty's sudden concentration: within ±window of the trade, the other side holds at least minTrades of
 * the trades, at least minShare of them, and many times its usual share — from the champion's reference, or
 * without one from the whole population at hand (a batch's day). A big name's ordinary flow is not sudden.
 */
export const concentrationRule: RuleEvaluator = ({ targets, population, reference, rules }) => {
  const { windowMinutes, minTrades, minShare, usualShareMultiple } = rules.concentration;
  const windowMs = windowMinutes * MS_PER_MINUTE;
  const reporting = reference?.reportingEntity ?? mostFrequent(population.map((t) => t.counterparty_1));
  const index = populationIndexOf(population, targets.length);
  const usualShare = usualShares(population, reporting, reference);
  return targets.map((trade) => {
    const other = otherSideOf(trade, reporting);
    const n = index.otherSideCountWithin(reporting, other, trade.executionMs, windowMs);
    if (n < minTrades) return null;
    const total = index.countWithin(trade.executionMs, windowMs);
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
function usualShares(
  population: RuleInput['population'],
  reporting: string | null,
  reference: RuleInput['reference'],
): (name: string) => number {
  if (reference) return lookupsOf(reference).counterpartyShare;
  const counts = new Map<string, number>();
  for (const t of population) {
    const name = otherSideOf(t, reporting);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return (name) => (counts.get(name) ?? 0) / Math.max(population.length, 1);
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

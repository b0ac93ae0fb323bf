import { levelScaleFloor } from '../../models/features/market-level';
import { populationIndexOf } from '../../models/features/population-index';
import { lookupsOf } from '../../models/features/reference-lookups';
import type { RobustLevel } from '../../models/features/robust-stats';
import { factsOf } from '../../models/features/trade-facts';
import type { RuleEvaluator } from './rule-input';

/**
 * A new trade's quote far from the market level of its product, currencies and tenor: the day's median of the same
 * bucket (median and MAD, so a few off-market quotes move neither) when the population holds enough quotes, else
 * the champion's reference level. Without either there is nothing to compare with and the rule stays silent.
 */
export const offMarketRule: RuleEvaluator = ({ targets, population, reference, rules }) => {
  const { maxRobustDeviations, minBucketQuotes } = rules.offMarket;
  const index = populationIndexOf(population, targets.length);
  const stored = reference ? lookupsOf(reference).rateLevels : new Map<string, RobustLevel>();
  // Targets usually end the population (a batch's are all of it): then their facts are already at hand.
  const offset = population.length - targets.length;
  return targets.map((trade, i) => {
    const facts = population[offset + i] === trade ? index.facts[offset + i]! : factsOf(trade);
    if (facts.pricedDayKey === null) return null;
    const quote = facts.level!;
    const dayLevel = index.dayLevel(facts.pricedDayKey);
    const day = dayLevel !== undefined && dayLevel.count >= minBucketQuotes ? dayLevel : undefined;
    const level = day ?? stored.get(facts.bucketKey!);
    if (!level) return null;
    const scale = Math.max(level.scale, levelScaleFloor(quote.field, level.median));
    const deviations = Math.abs(quote.value - level.median) / scale;
    if (deviations <= maxRobustDeviations) return null;
    const currencies = [trade.notional_currency_leg1, trade.notional_currency_leg2].filter(Boolean).join('/');
    return {
      rule: 'off_market',
      reason:
        `${quote.field} ${quote.value} is ${deviations.toFixed(1)} robust deviations from the ` +
        `${day ? "day's" : 'reference'} market level ${level.median} for ${trade.product} ${currencies} ` +
        `${facts.tenor.label} (at most ${maxRobustDeviations})`,
    };
  });
};

import type { FeatureTrade } from '../../models/features/feature-trade';
import { levelBucketKey, levelScaleFloor, marketLevelOf, pricedAtExecution } from '../../models/features/market-level';
import { robustLevel, type RobustLevel } from '../../models/features/robust-stats';
import { createTenorMatcher } from '../../models/features/standard-tenors';
import { dayNumberOf, kstDayOf } from '../../models/features/trade-calendar';
import type { RuleEvaluator } from './rule-input';

/**
 * A new trade's quote far from the market level of its product, currencies and tenor: the day's median of the same
 * bucket (median and MAD, so a few off-market quotes move neither) when the population holds enough quotes, else
 * the champion's reference level. Without either there is nothing to compare with and the rule stays silent.
 */
export const offMarketRule: RuleEvaluator = ({ targets, population, reference, rules }) => {
  const { maxRobustDeviations, minBucketQuotes } = rules.offMarket;
  const matchTenor = createTenorMatcher();
  const bucketOf = (t: FeatureTrade) => {
    const level = pricedAtExecution(t) ? marketLevelOf(t) : null;
    if (!level) return null;
    const tenor = matchTenor(t.product, dayNumberOf(t.effective_date), dayNumberOf(t.expiration_date));
    return { level, tenor: tenor.label, key: levelBucketKey(t, tenor.label, level.field) };
  };
  // Worked out once per population trade; targets usually end the population (a batch's are all of it).
  const buckets = population.map(bucketOf);
  const dayKeys = population.map((t, i) => (buckets[i] ? `${kstDayOf(t.executionMs)}#${buckets[i].key}` : ''));
  const offset = population.length - targets.length;
  const quotes = new Map<string, number[]>();
  for (let i = 0; i < population.length; i++) {
    const b = buckets[i];
    if (!b) continue;
    const dayKey = dayKeys[i]!;
    const list = quotes.get(dayKey);
    if (list) list.push(b.level.value);
    else quotes.set(dayKey, [b.level.value]);
  }
  const dayLevels = new Map<string, RobustLevel>();
  for (const [key, values] of quotes) if (values.length >= minBucketQuotes) dayLevels.set(key, robustLevel(values));
  const stored = new Map(Object.entries(reference?.rateLevels ?? {}));

  return targets.map((trade, i) => {
    const own = population[offset + i] === trade;
    const b = own ? buckets[offset + i] : bucketOf(trade);
    if (!b) return null;
    const day = dayLevels.get(own ? dayKeys[offset + i]! : `${kstDayOf(trade.executionMs)}#${b.key}`);
    const level = day ?? stored.get(b.key);
    if (!level) return null;
    const scale = Math.max(level.scale, levelScaleFloor(b.level.field, level.median));
    const deviations = Math.abs(b.level.value - level.median) / scale;
    if (deviations <= maxRobustDeviations) return null;
    const currencies = [trade.notional_currency_leg1, trade.notional_currency_leg2].filter(Boolean).join('/');
    return {
      rule: 'off_market',
      reason:
        `${b.level.field} ${b.level.value} is ${deviations.toFixed(1)} robust deviations from the ` +
        `${day ? "day's" : 'reference'} market level ${level.median} for ${trade.product} ${currencies} ${b.tenor} ` +
        `(at most ${maxRobustDeviations})`,
    };
  });
};

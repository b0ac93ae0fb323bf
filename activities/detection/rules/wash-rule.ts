import { populationIndexOf } from '../../models/features/population-index';
import { MS_PER_MINUTE } from '../../models/features/trade-calendar';
import { factsOf } from '../../models/features/trade-facts';
import type { RuleEvaluator } from './rule-input';

/**
 * Self-dealing (both counterparties the same) or a wash pair: a mirror trade (same product, notional, currency and
 * quote, counterparties swapped) within the window, i.e. the same risk straight back.
 */
export const washRule: RuleEvaluator = ({ targets, population, rules }) => {
  const windowMs = rules.wash.windowMinutes * MS_PER_MINUTE;
  const index = populationIndexOf(population, targets.length);
  // Targets usually end the population (a batch's are all of it): then their facts are already worked out.
  const offset = population.length - targets.length;

  return targets.map((trade, i) => {
    if (trade.counterparty_1 === trade.counterparty_2) {
      return {
        rule: 'wash_pair',
        reason: `self-dealing: counterparty_1 and counterparty_2 are both ${trade.counterparty_1}`,
      };
    }
    const j =
      population[offset + i] === trade
        ? index.mirrorOf(offset + i, windowMs)
        : index.mirrors().firstMirror(trade, factsOf(trade), windowMs);
    const mirror = population[j];
    if (!mirror) return null;
    const minutes = Math.abs(mirror.executionMs - trade.executionMs) / MS_PER_MINUTE;
    return {
      rule: 'wash_pair',
      reason:
        `wash pair: mirror trade ${mirror.uti} (same ${trade.product} economics, counterparties swapped) ` +
        `${minutes.toFixed(1)} minutes apart, within ${rules.wash.windowMinutes}`,
    };
  });
};

import type { FeatureTrade } from '../../models/features/feature-trade';
import { marketLevelOf } from '../../models/features/market-level';
import { MS_PER_MINUTE } from '../../models/features/trade-calendar';
import type { RuleEvaluator } from './rule-input';
import { TimeIndex } from './time-index';

/** Same product, notional and quote: the same risk. Counterparty ids (LEIs, client codes) cannot hold a '|'. */
function economics(t: FeatureTrade): string {
  const level = marketLevelOf(t);
  return `${t.product}|${t.notional_leg1}|${t.notional_currency_leg1}|${level?.field ?? ''}|${level?.value ?? ''}`;
}

/**
 * Self-dealing (both counterparties the same) or a wash pair: a mirror trade (same economics, counterparties
 * swapped) within the window, i.e. the same risk straight back.
 */
export const washRule: RuleEvaluator = ({ targets, population, rules }) => {
  const windowMs = rules.wash.windowMinutes * MS_PER_MINUTE;
  const index = new TimeIndex(
    population,
    (t) => `${economics(t)}|${t.counterparty_1}|${t.counterparty_2}`,
    (t) => t.executionMs,
  );
  return targets.map((trade) => {
    if (trade.counterparty_1 === trade.counterparty_2) {
      return {
        rule: 'wash_pair',
        reason: `self-dealing: counterparty_1 and counterparty_2 are both ${trade.counterparty_1}`,
      };
    }
    const mirrors = index
      .itemsWithin(`${economics(trade)}|${trade.counterparty_2}|${trade.counterparty_1}`, trade.executionMs, windowMs)
      .filter((m) => m.event_key !== trade.event_key);
    const mirror = mirrors[0];
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

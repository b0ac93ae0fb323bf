import { formatAmount, type RuleEvaluator } from './rule-input';

/** notional_leg1 above the rule set's limit for the product and currency (`*` for any other currency). */
export const notionalRule: RuleEvaluator = ({ targets, rules }) =>
  targets.map((trade) => {
    const limits = rules.notional.maxByProduct[trade.product];
    const limit = limits?.[trade.notional_currency_leg1] ?? limits?.['*'];
    if (limit === undefined || trade.notional_leg1 <= limit) return null;
    return {
      rule: 'notional_threshold',
      reason:
        `notional ${formatAmount(trade.notional_leg1)} ${trade.notional_currency_leg1} is above the ` +
        `${trade.product} limit of ${formatAmount(limit)} ${trade.notional_currency_leg1}`,
    };
  });

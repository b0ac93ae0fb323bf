import { concentrationRule } from './concentration-rule';
import { datesRule } from './dates-rule';
import { marketHoursRule } from './market-hours-rule';
import { notionalRule } from './notional-rule';
import { offMarketRule } from './off-market-rule';
import type { RuleEvaluator, RuleHit, RuleInput } from './rule-input';
import { washRule } from './wash-rule';

/** Every rule, in the order their hits are listed. */
export const RULES: readonly RuleEvaluator[] = [
  notionalRule,
  offMarketRule,
  marketHoursRule,
  washRule,
  concentrationRule,
  datesRule,
];

/**
 * The rule hits of each target, in target order (an empty list when none fired). Pure: the same input gives the
 * same hits.
 *
 * @example evaluateRules({ targets, population: [...recent, ...targets], reference, rules })[0] // [{ rule, reason }]
 */
export function evaluateRules(input: RuleInput): RuleHit[][] {
  // Most trades hit nothing: they share one empty list instead of a million of their own.
  const hits = new Array<RuleHit[]>(input.targets.length).fill(NO_HITS);
  for (const rule of RULES) {
    rule(input).forEach((hit, i) => {
      if (hit) hits[i] = hits[i] === NO_HITS ? [hit] : [...hits[i]!, hit];
    });
  }
  return hits;
}

const NO_HITS: RuleHit[] = Object.freeze([]) as unknown as RuleHit[];

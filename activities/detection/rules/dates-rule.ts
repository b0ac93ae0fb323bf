import { kstDateOf } from '../../../schemas/calendar/kst';
import { populationIndexOf } from '../../models/features/population-index';
import { factsOf } from '../../models/features/trade-facts';
import type { RuleEvaluator } from './rule-input';

const DAYS_PER_YEAR = 365.25;

/**
 * Dates that contradict each other or the execution: effective after expiration, a new trade already expired when
 * executed, back-dated or starting implausibly far ahead, or a tenor longer than any quoted one. Lifecycle events
 * (amendments, terminations) of old trades naturally carry old dates, so only the first check applies to them.
 */
export const datesRule: RuleEvaluator = ({ targets, population, rules }) => {
  const index = populationIndexOf(population, targets.length);
  // Targets usually end the population (a batch's are all of it): then their day numbers are already at hand.
  const offset = population.length - targets.length;
  const { maxBackdatedDays, maxForwardStartDays, maxTenorYears } = rules.dates;
  return targets.map((trade, i) => {
    const facts = population[offset + i] === trade ? index.facts[offset + i]! : factsOf(trade);
    const { effectiveDay: effective, expirationDay: expiration, kstDay: executed } = facts;
    // Most trades are consistent: they are let go before any text is built.
    const newTrade = trade.action_type === 'NEWT';
    if (
      effective <= expiration &&
      (!newTrade ||
        (expiration >= executed &&
          effective >= executed - maxBackdatedDays &&
          effective <= executed + maxForwardStartDays &&
          (expiration - effective) / DAYS_PER_YEAR <= maxTenorYears))
    )
      return null;
    const reasons: string[] = [];
    if (effective > expiration) {
      reasons.push(`effective date ${trade.effective_date} is after expiration date ${trade.expiration_date}`);
    }
    if (newTrade) {
      if (expiration < executed) {
        reasons.push(
          `expiration date ${trade.expiration_date} is before the execution date ${kstDateOf(trade.executionMs)} (KST)`,
        );
      } else if (effective < executed - maxBackdatedDays) {
        reasons.push(
          `effective date ${trade.effective_date} is ${executed - effective} days before the execution date ` +
            `${kstDateOf(trade.executionMs)} (KST; at most ${maxBackdatedDays})`,
        );
      }
      if (effective > executed + maxForwardStartDays) {
        reasons.push(
          `effective date ${trade.effective_date} is ${effective - executed} days after the execution date ` +
            `${kstDateOf(trade.executionMs)} (KST; at most ${maxForwardStartDays})`,
        );
      }
      const tenorYears = (expiration - effective) / DAYS_PER_YEAR;
      if (tenorYears > maxTenorYears) {
        reasons.push(`tenor of ${tenorYears.toFixed(1)} years is longer than ${maxTenorYears}`);
      }
    }
    return reasons.length === 0 ? null : { rule: 'inconsistent_dates', reason: reasons.join('; ') };
  });
};

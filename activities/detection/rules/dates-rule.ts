import { kstDateOf } from '../../../schemas/calendar/kst';
import { dayNumberOf, kstDayOf } from '../../models/features/trade-calendar';
import type { RuleEvaluator } from './rule-input';

const DAYS_PER_YEAR = 365.25;

/**
 * Dates that contradict each other or the execution: effective after expiration, a new trade already expired when
 * executed, back-dated or starting implausibly far ahead, or a tenor longer than any quoted one. Lifecycle events
 * (amendments, terminations) of old trades naturally carry old dates, so only the first check applies to them.
 */
export const datesRule: RuleEvaluator = ({ targets, rules }) =>
  targets.map((trade) => {
    const effective = dayNumberOf(trade.effective_date);
    const expiration = dayNumberOf(trade.expiration_date);
    const executed = kstDayOf(trade.executionMs);
    const reasons: string[] = [];
    if (effective > expiration) {
      reasons.push(`effective date ${trade.effective_date} is after expiration date ${trade.expiration_date}`);
    }
    if (trade.action_type === 'NEWT') {
      const { maxBackdatedDays, maxForwardStartDays, maxTenorYears } = rules.dates;
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

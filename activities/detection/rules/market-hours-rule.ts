import { kstDayOf, kstMinuteOfDay } from '../../models/features/trade-calendar';
import { formatMinute, type RuleEvaluator } from './rule-input';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Executed outside market hours: before the open, at or after the close, or on a weekend (KST). Public holidays
 * are the business calendar's concern (read by workflows through an activity), not this pure rule's.
 */
export const marketHoursRule: RuleEvaluator = ({ targets, rules }) =>
  targets.map((trade) => {
    const { open, close } = rules.marketHours;
    const minute = kstMinuteOfDay(trade.executionMs);
    // 1970-01-01 (day 0) was a Thursday.
    const weekday = WEEKDAYS[(((kstDayOf(trade.executionMs) + 4) % 7) + 7) % 7]!;
    const weekend = weekday === 'Saturday' || weekday === 'Sunday';
    if (!weekend && minute >= open && minute < close) return null;
    return {
      rule: 'outside_market_hours',
      reason:
        `executed ${weekday} ${formatMinute(minute)} KST, outside market hours ` +
        `(Monday–Friday ${formatMinute(open)}–${formatMinute(close)} KST)`,
    };
  });

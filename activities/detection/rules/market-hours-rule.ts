import { kstDateOf } from '../../../schemas/calendar/kst';
import { kstDayOf, kstMinuteOfDay } from '../../models/features/trade-calendar';
import { formatMinute, type RuleEvaluator } from './rule-input';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Executed outside market hours: before the open, at or after the close, on a weekend, or on a day the market is
 * closed (a Korean public holiday or a closure of the business calendar, when the caller passes them) — KST.
 */
export const marketHoursRule: RuleEvaluator = ({ targets, rules, closedDays }) =>
  targets.map((trade) => {
    const { open, close } = rules.marketHours;
    const minute = kstMinuteOfDay(trade.executionMs);
    const day = kstDayOf(trade.executionMs);
    // 1970-01-01 (day 0) was a Thursday.
    const weekday = WEEKDAYS[(((day + 4) % 7) + 7) % 7]!;
    const weekend = weekday === 'Saturday' || weekday === 'Sunday';
    const closedBecause = weekend ? undefined : closedDays?.get(day);
    if (!weekend && closedBecause === undefined && minute >= open && minute < close) return null;
    return {
      rule: 'outside_market_hours',
      reason:
        closedBecause !== undefined
          ? `executed ${weekday} ${kstDateOf(trade.executionMs)} ${formatMinute(minute)} KST, ` +
            `a day the market is closed (${closedBecause})`
          : `executed ${weekday} ${formatMinute(minute)} KST, outside market hours ` +
            `(Monday–Friday ${formatMinute(open)}–${formatMinute(close)} KST)`,
    };
  });

import type { RuleHit } from '../../../schemas/db/database';
import type { RuleSet } from '../../../schemas/detection/rule-set';
import type { FeatureReference } from '../../models/features/feature-reference';
import type { FeatureTrade } from '../../models/features/feature-trade';

export type { RuleHit };

/** What every rule sees: the trades to judge and the trades around them. */
export interface RuleInput {
  /** The trades to judge. */
  targets: readonly FeatureTrade[];
  /**
   * The trades they are judged among, the targets included: the same day's and window's trades (a real-time
   * request loads them from the database; a batch brings its own).
   */
  population: readonly FeatureTrade[];
  /** The champion's feature reference (market levels, usual shares); null before the first champion. */
  reference: FeatureReference | null;
  rules: RuleSet;
  /** Weekdays the market is closed (KST day number → why: a public holiday, a closure); none when absent. */
  closedDays?: ReadonlyMap<number, string>;
}

/** One entry per target, in order: its hit, or null. */
export type RuleEvaluator = (input: RuleInput) => (RuleHit | null)[];

const KRW_STYLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 5 });

/** An amount as people read it in a reason: `5,000,000,000,000`. */
export function formatAmount(value: number): string {
  return KRW_STYLE.format(value);
}

/** `HH:MM` of minutes after midnight. */
export function formatMinute(minute: number): string {
  const m = Math.floor(minute);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

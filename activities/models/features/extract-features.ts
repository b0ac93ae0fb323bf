import { createMatrix, type Matrix } from '../data';
import { ACTIVITY_WINDOW_MS, burstScore, shareLookup, windowCounts } from './activity-window';
import type { FeatureReference } from './feature-reference';
import { FEATURE_BOUNDS, FEATURE_NAMES, type FeatureName } from './feature-names';
import type { FeatureTrade } from './feature-trade';
import {
  levelBucketKey,
  marketLevelsOf,
  notionalGroupKeys,
  otherSideOf,
  pricedAtExecution,
  traderKeyOf,
} from './market-level';
import { rateDeviations } from './rate-deviation';
import { createTenorMatcher } from './standard-tenors';
import { dayNumberOf, kstDayOf, kstMinuteOfDay, minutesOutsideMarket } from './trade-calendar';
import { washIndicators } from './wash-pairs';

/** A feature matrix with its column names (FEATURE_NAMES); usable wherever a Matrix is. */
export interface FeatureMatrix extends Matrix {
  readonly names: readonly FeatureName[];
}

/** A notional group whose notionals barely vary still measures in steps of at least ~12%. */
const MIN_LOG_NOTIONAL_STD = 0.05;
const DAYS_PER_YEAR = 365.25;

/**
 * One row of FEATURE_NAMES per trade, in input order. The batch is the context: rate levels come from the batch's
 * own trades (per KST date), bursts and mirror trades from its other trades within ±10 minutes. To score a few
 * trades in real time, pass the preceding ten minutes of trades with them and keep their rows. Pure and
 * deterministic; every value finite and within FEATURE_BOUNDS.
 *
 * @example
 *   const reference = fitFeatureReference(trainingTrades);
 *   const { data, rows, cols, names } = extractFeatures(todaysTrades, reference);
 */
export function extractFeatures(trades: readonly FeatureTrade[], reference: FeatureReference): FeatureMatrix {
  const context = batchContext(trades, reference);
  const cols = FEATURE_NAMES.length;
  const data = new Float64Array(trades.length * cols);
  const bounds = FEATURE_NAMES.map((name) => FEATURE_BOUNDS[name]);
  for (let i = 0; i < trades.length; i++) {
    const values = featureValues(trades[i]!, i, context);
    for (let j = 0; j < cols; j++) data[i * cols + j] = clampFinite(values[FEATURE_NAMES[j]!], bounds[j]!);
  }
  return { ...createMatrix(trades.length, cols, data), names: FEATURE_NAMES };
}

/** What each trade's features need from the rest of the batch and from the reference, computed once per batch. */
function batchContext(trades: readonly FeatureTrade[], reference: FeatureReference) {
  const levels = marketLevelsOf(trades);
  const matchTenor = createTenorMatcher();
  const effectiveDays = trades.map((t) => dayNumberOf(t.effective_date));
  const expirationDays = trades.map((t) => dayNumberOf(t.expiration_date));
  const tenors = trades.map((t, i) => matchTenor(t.product, effectiveDays[i]!, expirationDays[i]!));
  const bucketKeys = trades.map((t, i) => {
    const level = levels[i];
    return level ? levelBucketKey(t, tenors[i]!.label, level.field) : null;
  });
  const pricedLevels = levels.map((level, i) => (pricedAtExecution(trades[i]!) ? level : null));
  const times = Float64Array.from(trades, (t) => t.executionMs);
  const others = trades.map((t) => otherSideOf(t, reference.reportingEntity));
  const traders = trades.map(traderKeyOf);
  const counterpartyShare = shareLookup(reference.counterpartyShare, reference.unseenShare);
  const traderShare = shareLookup(reference.traderShare, reference.unseenShare);
  return {
    effectiveDays,
    expirationDays,
    tenors,
    logNotional: new Map(Object.entries(reference.logNotional)),
    deviations: rateDeviations(trades, pricedLevels, bucketKeys, reference),
    wash: washIndicators(trades, levels, ACTIVITY_WINDOW_MS),
    allCounts: windowCounts(times, new Array<string>(trades.length).fill(''), ACTIVITY_WINDOW_MS),
    counterpartyCounts: windowCounts(times, others, ACTIVITY_WINDOW_MS),
    traderCounts: windowCounts(times, traders, ACTIVITY_WINDOW_MS),
    counterpartyShare: (i: number) => counterpartyShare(others[i]!),
    traderShare: (i: number) => traderShare(traders[i]!),
  };
}

function featureValues(
  trade: FeatureTrade,
  i: number,
  c: ReturnType<typeof batchContext>,
): Record<FeatureName, number> {
  const executionDay = kstDayOf(trade.executionMs);
  const effectiveLag = c.effectiveDays[i]! - executionDay;
  const stats = notionalGroupKeys(trade)
    .map((key) => c.logNotional.get(key))
    .find((s) => s !== undefined);
  // Counts include the trade itself; the burst score wants the others in its window.
  const otherEvents = c.allCounts[i]! - 1;
  return {
    notional_log_z: stats
      ? (Math.log10(trade.notional_leg1) - stats.mean) / Math.max(stats.std, MIN_LOG_NOTIONAL_STD)
      : 0,
    rate_deviation: c.deviations[i]!,
    tenor_years_log: Math.log(Math.max(c.expirationDays[i]! - c.effectiveDays[i]!, 1) / DAYS_PER_YEAR),
    tenor_gap_days_log: Math.log1p(c.tenors[i]!.gapDays),
    exec_hour_kst: kstMinuteOfDay(trade.executionMs) / 60,
    minutes_outside_market: minutesOutsideMarket(trade.executionMs),
    // An amendment or termination of a live trade naturally comes after its start: only a new trade's lag is judged.
    days_to_effective_slog: signedLog1p(pricedAtExecution(trade) ? effectiveLag : Math.max(effectiveLag, 0)),
    days_to_expiration_slog: signedLog1p(c.expirationDays[i]! - executionDay),
    counterparty_burst: burstScore(c.counterpartyCounts[i]! - 1, otherEvents, c.counterpartyShare(i)),
    trader_burst: burstScore(c.traderCounts[i]! - 1, otherEvents, c.traderShare(i)),
    wash_indicator: c.wash[i]!,
  };
}

/** sign(x) · ln(1 + |x|): keeps the sign of a day count while a 30-year swap does not dwarf a 2-day lag. */
function signedLog1p(x: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

function clampFinite(value: number, [min, max]: readonly [number, number]): number {
  if (Number.isNaN(value)) return 0;
  return value < min ? min : value > max ? max : value;
}

import { createMatrix, type Matrix } from '../data';
import { ACTIVITY_WINDOW_MS, burstScore } from './activity-window';
import type { FeatureReference } from './feature-reference';
import { FEATURE_BOUNDS, FEATURE_NAMES, type FeatureName } from './feature-names';
import type { FeatureTrade } from './feature-trade';
import { notionalGroupKeys, otherSideOf, pricedAtExecution } from './market-level';
import { populationIndexOf, type PopulationIndex } from './population-index';
import { rateDeviation } from './rate-deviation';
import { lookupsOf, type ReferenceLookups } from './reference-lookups';
import { kstMinuteOfDay, minutesOutsideMarket } from './trade-calendar';

/** A feature matrix with its column names (FEATURE_NAMES); usable wherever a Matrix is. */
export interface FeatureMatrix extends Matrix {
  readonly names: readonly FeatureName[];
}

/** A notional group whose notionals barely vary still measures in steps of at least ~12%. */
const MIN_LOG_NOTIONAL_STD = 0.05;
const DAYS_PER_YEAR = 365.25;

/**
 * One row of FEATURE_NAMES per trade from `fromRow` on (all by default), in input order. All the trades are the
 * context: rate levels come from their own quotes (per KST date), bursts and mirror trades from the others within
 * ±10 minutes. To score a few trades in real time, pass the preceding ten minutes of trades before them and
 * `fromRow` where they start: only their rows are computed. Pure and deterministic; every value finite and within
 * FEATURE_BOUNDS.
 *
 * @example
 *   const reference = fitFeatureReference(trainingTrades);
 *   const { data, rows, cols, names } = extractFeatures(todaysTrades, reference);
 */
export function extractFeatures(
  trades: readonly FeatureTrade[],
  reference: FeatureReference,
  options: { fromRow?: number } = {},
): FeatureMatrix {
  const fromRow = options.fromRow ?? 0;
  const population = populationIndexOf(trades, trades.length - fromRow);
  const lookups = lookupsOf(reference);
  const cols = FEATURE_NAMES.length;
  const rows = Math.max(trades.length - fromRow, 0);
  const data = new Float64Array(rows * cols);
  const bounds = FEATURE_NAMES.map((name) => FEATURE_BOUNDS[name]);
  for (let r = 0; r < rows; r++) {
    const i = fromRow + r;
    const values = featureValues(trades[i]!, i, population, lookups, reference.reportingEntity);
    for (let j = 0; j < cols; j++) data[r * cols + j] = clampFinite(values[FEATURE_NAMES[j]!], bounds[j]!);
  }
  return { ...createMatrix(rows, cols, data), names: FEATURE_NAMES };
}

function featureValues(
  trade: FeatureTrade,
  position: number,
  population: PopulationIndex,
  lookups: ReferenceLookups,
  reportingEntity: string | null,
): Record<FeatureName, number> {
  const t = trade.executionMs;
  const facts = population.facts[position]!;
  const effectiveLag = facts.effectiveDay - facts.kstDay;
  const stats = notionalGroupKeys(trade)
    .map((key) => lookups.logNotional.get(key))
    .find((s) => s !== undefined);
  // Counts include the trade itself; the burst score wants the others in its window.
  const otherEvents = population.countWithin(t, ACTIVITY_WINDOW_MS) - 1;
  const other = otherSideOf(trade, reportingEntity);
  const otherSideEvents = population.otherSideCountWithin(reportingEntity, other, t, ACTIVITY_WINDOW_MS) - 1;
  const traderEvents = population.traderCountWithin(facts.traderKey, t, ACTIVITY_WINDOW_MS) - 1;
  return {
    notional_log_z: stats
      ? (Math.log10(trade.notional_leg1) - stats.mean) / Math.max(stats.std, MIN_LOG_NOTIONAL_STD)
      : 0,
    rate_deviation: rateDeviation(facts, population, lookups.rateLevels),
    tenor_years_log: Math.log(Math.max(facts.expirationDay - facts.effectiveDay, 1) / DAYS_PER_YEAR),
    tenor_gap_days_log: Math.log1p(facts.tenor.gapDays),
    exec_hour_kst: kstMinuteOfDay(t) / 60,
    minutes_outside_market: minutesOutsideMarket(t),
    // An amendment or termination of a live trade naturally comes after its start: only a new trade's lag is judged.
    days_to_effective_slog: signedLog1p(pricedAtExecution(trade) ? effectiveLag : Math.max(effectiveLag, 0)),
    days_to_expiration_slog: signedLog1p(facts.expirationDay - facts.kstDay),
    counterparty_burst: burstScore(otherSideEvents, otherEvents, lookups.counterpartyShare(other)),
    trader_burst: burstScore(traderEvents, otherEvents, lookups.traderShare(facts.traderKey)),
    wash_indicator:
      trade.counterparty_1 === trade.counterparty_2 || population.mirrorOf(position, ACTIVITY_WINDOW_MS) >= 0 ? 1 : 0,
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

import { createMatrix, type Matrix } from '../data';
import { ACTIVITY_WINDOW_MS, burstScore } from './activity-window';
import type { FeatureReference } from './feature-reference';
import { FEATURE_BOUNDS, FEATURE_NAMES, type FeatureName } from './feature-names';
import type { FeatureTrade } from './feature-trade';
import { otherSideOf, pricedAtExecution } from './market-level';
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
 * One row of FEATURE_NAMES per trade of [fromRow, toRow) (all by default), in input order. All the trades are the
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
  options: { fromRow?: number; toRow?: number; queries?: number } = {},
): FeatureMatrix {
  const fromRow = options.fromRow ?? 0;
  const toRow = Math.min(options.toRow ?? trades.length, trades.length);
  // `queries`: how many rows the caller will ask for in all, when it asks in parts (see PopulationIndex).
  const population = populationIndexOf(trades, options.queries ?? toRow - fromRow);
  const lookups = lookupsOf(reference);
  const cols = FEATURE_NAMES.length;
  const rows = Math.max(toRow - fromRow, 0);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const i = fromRow + r;
    writeFeatureRow(data, r * cols, trades[i]!, i, population, lookups, reference.reportingEntity);
  }
  return { ...createMatrix(rows, cols, data), names: FEATURE_NAMES };
}

/** Column of each feature, and its bounds in column order. */
const COLUMN = Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, j])) as Record<FeatureName, number>;
const LOW = Float64Array.from(FEATURE_NAMES, (name) => FEATURE_BOUNDS[name][0]);
const HIGH = Float64Array.from(FEATURE_NAMES, (name) => FEATURE_BOUNDS[name][1]);

/** One trade's features, each clamped to its bounds, written at `base` in FEATURE_NAMES order (no object per row). */
function writeFeatureRow(
  data: Float64Array,
  base: number,
  trade: FeatureTrade,
  position: number,
  population: PopulationIndex,
  lookups: ReferenceLookups,
  reportingEntity: string | null,
): void {
  const t = trade.executionMs;
  const facts = population.facts[position]!;
  const effectiveLag = facts.effectiveDay - facts.kstDay;
  const stats = lookups.notionalStats(trade.product, trade.notional_currency_leg1);
  // Counts include the trade itself; the burst score wants the others in its window.
  const otherEvents = population.countWithin(t, ACTIVITY_WINDOW_MS) - 1;
  const other = otherSideOf(trade, reportingEntity);
  const otherSideEvents = population.otherSideCountWithin(reportingEntity, other, t, ACTIVITY_WINDOW_MS) - 1;
  const traderEvents = population.traderCountWithin(facts.traderKey, t, ACTIVITY_WINDOW_MS) - 1;
  put(
    data,
    base,
    'notional_log_z',
    stats ? (Math.log10(trade.notional_leg1) - stats.mean) / Math.max(stats.std, MIN_LOG_NOTIONAL_STD) : 0,
  );
  put(data, base, 'rate_deviation', rateDeviation(facts, population, lookups.rateLevels));
  put(data, base, 'tenor_years_log', Math.log(Math.max(facts.expirationDay - facts.effectiveDay, 1) / DAYS_PER_YEAR));
  put(data, base, 'tenor_gap_days_log', Math.log1p(facts.tenor.gapDays));
  put(data, base, 'exec_hour_kst', kstMinuteOfDay(t) / 60);
  put(data, base, 'minutes_outside_market', minutesOutsideMarket(t));
  // An amendment or termination of a live trade naturally comes after its start: only a new trade's lag is judged.
  put(
    data,
    base,
    'days_to_effective_slog',
    signedLog1p(pricedAtExecution(trade) ? effectiveLag : Math.max(effectiveLag, 0)),
  );
  put(data, base, 'days_to_expiration_slog', signedLog1p(facts.expirationDay - facts.kstDay));
  put(data, base, 'counterparty_burst', burstScore(otherSideEvents, otherEvents, lookups.counterpartyShare(other)));
  put(data, base, 'trader_burst', burstScore(traderEvents, otherEvents, lookups.traderShare(facts.traderKey)));
  put(
    data,
    base,
    'wash_indicator',
    trade.counterparty_1 === trade.counterparty_2 || population.mirrorOf(position, ACTIVITY_WINDOW_MS) >= 0 ? 1 : 0,
  );
}

function put(data: Float64Array, base: number, name: FeatureName, value: number): void {
  const j = COLUMN[name];
  // Clamped to the feature's bounds; NaN (never expected) becomes 0.
  data[base + j] = Number.isNaN(value) ? 0 : value < LOW[j]! ? LOW[j]! : value > HIGH[j]! ? HIGH[j]! : value;
}

/** sign(x) · ln(1 + |x|): keeps the sign of a day count while a 30-year swap does not dwarf a 2-day lag. */
function signedLog1p(x: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

import type { FeatureReference } from './feature-reference';
import type { FeatureTrade } from './feature-trade';
import { levelScaleFloor, type MarketLevel } from './market-level';
import { robustLevel, type RobustLevel } from './robust-stats';
import { kstDayOf } from './trade-calendar';

/** Below this many trades a bucket's own median is too shaky and the reference's level is used instead. */
export const MIN_BATCH_BUCKET = 10;
/** |z| is capped before the log: past a million scales the exact distance says nothing more. */
const MAX_ABS_Z = 1e6;

/**
 * ln(1 + |z|) with z the robust z-score of each trade's quote against its bucket's level on the same KST date in
 * the batch (median and MAD: the market moves from day to day, and a few off-market quotes move neither). Buckets
 * thinner than MIN_BATCH_BUCKET use the reference's level. `levels[i]` and `bucketKeys[i]` belong to trades[i]; a
 * null level (no quote, or not priced at execution) gives 0 and stays out of the batch's levels.
 */
export function rateDeviations(
  trades: readonly FeatureTrade[],
  levels: readonly (MarketLevel | null)[],
  bucketKeys: readonly (string | null)[],
  reference: FeatureReference,
): Float64Array {
  const dayKeys = trades.map((t, i) => (bucketKeys[i] === null ? '' : `${kstDayOf(t.executionMs)}#${bucketKeys[i]}`));
  const dayKey = (i: number) => dayKeys[i]!;
  const quotes = new Map<string, number[]>();
  levels.forEach((level, i) => {
    if (level === null || bucketKeys[i] === null) return;
    const key = dayKey(i);
    const group = quotes.get(key);
    if (group) group.push(level.value);
    else quotes.set(key, [level.value]);
  });
  const batchLevels = new Map([...quotes].map(([key, values]) => [key, robustLevel(values)]));
  const referenceLevels = new Map(Object.entries(reference.rateLevels));

  return Float64Array.from(levels, (level, i) => {
    const bucket = bucketKeys[i] ?? null;
    if (level === null || bucket === null) return 0;
    const batch = batchLevels.get(dayKey(i));
    const stored = referenceLevels.get(bucket);
    const chosen: RobustLevel | undefined =
      batch !== undefined && batch.count >= MIN_BATCH_BUCKET ? batch : (stored ?? batch);
    if (chosen === undefined) return 0;
    const scale = Math.max(chosen.scale, levelScaleFloor(level.field, chosen.median));
    return Math.log1p(Math.min(Math.abs(level.value - chosen.median) / scale, MAX_ABS_Z));
  });
}

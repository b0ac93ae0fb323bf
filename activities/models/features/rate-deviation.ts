import type { PopulationIndex } from './population-index';
import { levelScaleFloor } from './market-level';
import type { RobustLevel } from './robust-stats';
import type { TradeFacts } from './trade-facts';

/** Below this many trades a bucket's own median is too shaky and the reference's level is used instead. */
export const MIN_BATCH_BUCKET = 10;
/** |z| is capped before the log: past a million scales the exact distance says nothing more. */
const MAX_ABS_Z = 1e6;

/**
 * ln(1 + |z|) with z the robust z-score of a trade's quote against its bucket's level on the same KST date in the
 * population (median and MAD: the market moves from day to day, and a few off-market quotes move neither). Buckets
 * thinner than MIN_BATCH_BUCKET use the reference's level. A trade without a quote, or not priced at execution,
 * gives 0 and stays out of the population's levels.
 */
export function rateDeviation(
  facts: TradeFacts,
  population: PopulationIndex,
  referenceLevels: ReadonlyMap<string, RobustLevel>,
): number {
  if (facts.pricedDayKey === null) return 0;
  const level = facts.level!;
  const batch = population.dayLevel(facts.pricedDayKey);
  const stored = referenceLevels.get(facts.bucketKey!);
  const chosen = batch !== undefined && batch.count >= MIN_BATCH_BUCKET ? batch : (stored ?? batch);
  if (chosen === undefined) return 0;
  const scale = Math.max(chosen.scale, levelScaleFloor(level.field, chosen.median));
  return Math.log1p(Math.min(Math.abs(level.value - chosen.median) / scale, MAX_ABS_Z));
}

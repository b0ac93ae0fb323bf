import { z } from 'zod';
import type { FeatureTrade } from './feature-trade';
import {
  levelBucketKey,
  marketLevelOf,
  notionalGroupKeys,
  otherSideOf,
  pricedAtExecution,
  traderKeyOf,
} from './market-level';
import { robustLevel, trimmedMeanStd, type MeanStd, type RobustLevel } from './robust-stats';
import { createTenorMatcher } from './standard-tenors';
import { dayNumberOf } from './trade-calendar';

/**
 * What the features are measured against, fitted on a model's training trades and stored (as JSON) with the model
 * version, so scoring a trade next month uses the yardsticks the model was trained with.
 */
export interface FeatureReference {
  version: 1;
  /** The trades the reference was fitted on: UTC ISO bounds and the count. */
  trainingWindow: { from: string; to: string; trades: number };
  /** The most frequent counterparty_1: the bank that reports, whose own LEI is never "the other side". */
  reportingEntity: string | null;
  /** log10(notional_leg1) by `product|currency` and by `*|currency`. */
  logNotional: Record<string, MeanStd>;
  /** Market level (median, robust scale) of new trades by level bucket, see `levelBucketKey`. */
  rateLevels: Record<string, RobustLevel>;
  /** Each other side's share of the trade events (its expected share of any day's, or any ten minutes', flow). */
  counterpartyShare: Record<string, number>;
  /** Each trader's share of the trade events. */
  traderShare: Record<string, number>;
  /** The share assumed for a name the training window never saw: half a trade's worth. */
  unseenShare: number;
}

export interface FitFeatureReferenceOptions {
  /** The training window as the caller defines it (e.g. the ISO week); defaults to the trades' first and last. */
  window?: { from: string; to: string };
}

/**
 * Fits the reference on training trades. Throws on an empty list: a model trained on nothing is a bug upstream.
 *
 * @example const reference = fitFeatureReference(lastWeek); const json = JSON.stringify(reference);
 */
export function fitFeatureReference(
  trades: readonly FeatureTrade[],
  options: FitFeatureReferenceOptions = {},
): FeatureReference {
  if (trades.length === 0) throw new Error('fitFeatureReference needs at least one trade');
  const reportingEntity = mostFrequent(trades.map((t) => t.counterparty_1));
  const notionals = new Map<string, number[]>();
  const levels = new Map<string, number[]>();
  const matchTenor = createTenorMatcher();
  let first = Infinity;
  let last = -Infinity;
  for (const trade of trades) {
    first = Math.min(first, trade.executionMs);
    last = Math.max(last, trade.executionMs);
    const logNotional = Math.log10(Math.max(trade.notional_leg1, Number.MIN_VALUE));
    for (const key of notionalGroupKeys(trade)) push(notionals, key, logNotional);
    const level = pricedAtExecution(trade) ? marketLevelOf(trade) : null;
    if (level === null) continue;
    const tenor = matchTenor(trade.product, dayNumberOf(trade.effective_date), dayNumberOf(trade.expiration_date));
    push(levels, levelBucketKey(trade, tenor.label, level.field), level.value);
  }
  return {
    version: 1,
    trainingWindow: {
      from: options.window?.from ?? new Date(first).toISOString(),
      to: options.window?.to ?? new Date(last).toISOString(),
      trades: trades.length,
    },
    reportingEntity,
    logNotional: sortedRecord(notionals, trimmedMeanStd),
    rateLevels: sortedRecord(levels, robustLevel),
    counterpartyShare: shares(trades.map((t) => otherSideOf(t, reportingEntity))),
    traderShare: shares(trades.map(traderKeyOf)),
    unseenShare: 0.5 / trades.length,
  };
}

const finite = z.number().refine(Number.isFinite, 'must be finite');
const featureReferenceSchema = z.object({
  version: z.literal(1),
  trainingWindow: z.object({ from: z.string(), to: z.string(), trades: z.number().int().positive() }),
  reportingEntity: z.string().nullable(),
  logNotional: z.record(z.string(), z.object({ mean: finite, std: finite.min(0), count: z.number().int() })),
  rateLevels: z.record(z.string(), z.object({ median: finite, scale: finite.min(0), count: z.number().int() })),
  counterpartyShare: z.record(z.string(), finite.min(0).max(1)),
  traderShare: z.record(z.string(), finite.min(0).max(1)),
  unseenShare: finite.positive().max(1),
});

/** Checks a stored reference (parsed JSON) before use; throws listing what is wrong. */
export function parseFeatureReference(value: unknown): FeatureReference {
  return featureReferenceSchema.parse(value);
}

function push(groups: Map<string, number[]>, key: string, value: number): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** A plain object with keys in sorted order, so the same trades always serialise to the same JSON. */
function sortedRecord<T>(groups: Map<string, number[]>, summarise: (values: number[]) => T): Record<string, T> {
  const keys = [...groups.keys()].sort();
  return Object.fromEntries(keys.map((key) => [key, summarise(groups.get(key) ?? [])]));
}

function counts(keys: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const key of keys) result.set(key, (result.get(key) ?? 0) + 1);
  return result;
}

function shares(keys: readonly string[]): Record<string, number> {
  const byKey = counts(keys);
  return Object.fromEntries([...byKey.keys()].sort().map((key) => [key, (byKey.get(key) ?? 0) / keys.length]));
}

/** The most frequent value; ties go to the lexically first, so the result does not depend on input order. */
function mostFrequent(keys: readonly string[]): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, count] of counts(keys)) {
    if (count > bestCount || (count === bestCount && best !== null && key < best)) [best, bestCount] = [key, count];
  }
  return best;
}

import type { FeatureTrade } from './feature-trade';
import { KeyInterner } from './key-interner';
import { levelBucketKey, marketLevelOf, pricedAtExecution, traderKeyOf, type MarketLevel } from './market-level';
import { createTenorMatcher, type TenorMatch } from './standard-tenors';
import { dayNumberOf, kstDayOf } from './trade-calendar';

/** What features and rules derive from one trade alone: worked out once per trade object, then looked up. */
export interface TradeFacts {
  readonly effectiveDay: number;
  readonly expirationDay: number;
  /** KST date of execution as a day number. */
  readonly kstDay: number;
  readonly tenor: TenorMatch;
  /** The quote its market level is read from (see `marketLevelOf`), null when it has none. */
  readonly level: MarketLevel | null;
  /** Its level bucket (see `levelBucketKey`), null without a level. */
  readonly bucketKey: string | null;
  /** `<kstDay>#<bucketKey>` for a trade priced at execution with a level (the day's quotes it joins), else null. */
  readonly pricedDayKey: string | null;
  readonly traderKey: string;
}

// Trade objects are values: never changed once built. A real-time process keeps the recent flow's objects in
// memory and scores every new trade among them, so each one's facts are worked out once, not once per request.
const memo = new WeakMap<FeatureTrade, TradeFacts>();
/** `<kstDay>#<bucketKey>`, shared per bucket and day; a year of days of every bucket fits well within the limit. */
const dayKeys = new KeyInterner('#', 500_000);
let matchTenor = createTenorMatcher();
let tenorCalls = 0;
/** The tenor memo is dropped now and then: a long-running process sees an unbounded set of date pairs. */
const TENOR_MEMO_CALLS = 1_000_000;

export function factsOf(trade: FeatureTrade): TradeFacts {
  let facts = memo.get(trade);
  if (facts === undefined) {
    facts = computeFacts(trade);
    memo.set(trade, facts);
  }
  return facts;
}

/** A trade's facts worked out afresh, not memoised: for a large batch, whose index holds them while it is scored. */
export function computeFacts(t: FeatureTrade): TradeFacts {
  if (++tenorCalls > TENOR_MEMO_CALLS) {
    matchTenor = createTenorMatcher();
    tenorCalls = 0;
  }
  const effectiveDay = dayNumberOf(t.effective_date);
  const expirationDay = dayNumberOf(t.expiration_date);
  const kstDay = kstDayOf(t.executionMs);
  const tenor = matchTenor(t.product, effectiveDay, expirationDay);
  const level = marketLevelOf(t);
  const bucketKey = level ? levelBucketKey(t, tenor.label, level.field) : null;
  return {
    effectiveDay,
    expirationDay,
    kstDay,
    tenor,
    level,
    bucketKey,
    pricedDayKey: bucketKey !== null && pricedAtExecution(t) ? dayKeys.key2(kstDay, bucketKey) : null,
    traderKey: traderKeyOf(t),
  };
}

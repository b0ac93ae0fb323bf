import { KeyInterner } from './key-interner';
import type { FeatureTrade } from './feature-trade';

export type LevelField = 'fixed_rate_leg1' | 'price' | 'spread';

export interface MarketLevel {
  field: LevelField;
  value: number;
}

/**
 * Which quote carries a product's market level, in order of preference. CDS trade on a standard 100bp coupon, so
 * the spread moves with the market; an equity swap's price is its underlying's (which differs by name and is not
 * in the record), so its funding spread is the comparable quote.
 */
const LEVEL_FIELDS: Readonly<Record<string, readonly LevelField[]>> = {
  IRS: ['fixed_rate_leg1', 'price', 'spread'],
  CCS: ['fixed_rate_leg1', 'price', 'spread'],
  FX_SWAP: ['price', 'fixed_rate_leg1', 'spread'],
  CDS: ['spread', 'fixed_rate_leg1', 'price'],
  EQUITY_SWAP: ['spread', 'fixed_rate_leg1', 'price'],
};
const DEFAULT_LEVEL_FIELDS: readonly LevelField[] = ['fixed_rate_leg1', 'price', 'spread'];

/** The quote a trade's market level is read from, or null when it has none of them. */
export function marketLevelOf(trade: FeatureTrade): MarketLevel | null {
  const fields = Object.hasOwn(LEVEL_FIELDS, trade.product) ? LEVEL_FIELDS[trade.product]! : DEFAULT_LEVEL_FIELDS;
  for (const field of fields) {
    const value = trade[field];
    if (value !== null) return { field, value };
  }
  return null;
}

/**
 * Whether the event was priced at the market of its execution time. Only a new trade is: an amendment, termination
 * or valuation of a trade struck months ago carries that day's rate, and must neither be judged against today's
 * level nor move it.
 */
export function pricedAtExecution(trade: FeatureTrade): boolean {
  return trade.action_type === 'NEWT';
}

/**
 * The group whose trades quote the same market level: product, both currencies, nearest standard tenor and the
 * quote used (a rate and a price never share a median). E.g. `IRS|KRW||5Y|fixed_rate_leg1`.
 */
export function levelBucketKey(trade: FeatureTrade, tenorLabel: string, field: LevelField): string {
  return bucketKeys.key5(
    trade.product,
    trade.notional_currency_leg1,
    trade.notional_currency_leg2 ?? '',
    tenorLabel,
    field,
  );
}

/** Buckets are few (products × currencies × tenors × fields): the limit only guards against odd input. */
const bucketKeys = new KeyInterner('|', 100_000);

/**
 * The smallest spread the deviation is measured in: half a basis point for rates and spreads, a basis point of the
 * level for prices. A bucket of identical quotes (MAD 0) then still gives finite, meaningful deviations.
 */
export function levelScaleFloor(field: LevelField, median: number): number {
  return field === 'price' ? Math.max(1e-4 * Math.abs(median), 1e-8) : 5e-5;
}

/** Notional groups, most specific first: product and currency, then the currency across products. */
export function notionalGroupKeys(trade: FeatureTrade): [string, string] {
  return [`${trade.product}|${trade.notional_currency_leg1}`, `${ANY_PRODUCT}|${trade.notional_currency_leg1}`];
}

/** The product part of a currency-wide notional group's key. */
export const ANY_PRODUCT = '*';

/**
 * The other side of the trade: counterparty_2, unless that is the reporting entity itself (the second leg of a
 * mirrored pair reports the bank as counterparty_2), then counterparty_1.
 */
export function otherSideOf(trade: FeatureTrade, reportingEntity: string | null): string {
  return trade.counterparty_2 === reportingEntity ? trade.counterparty_1 : trade.counterparty_2;
}

/** Activity key of the trader; events without one share a single key. */
export function traderKeyOf(trade: FeatureTrade): string {
  return trade.trader_id ?? '';
}

import { shareLookup } from './activity-window';
import type { FeatureReference } from './feature-reference';
import { ANY_PRODUCT } from './market-level';
import type { MeanStd, RobustLevel } from './robust-stats';

/** A reference's records as maps and lookups, built once per reference object (a champion keeps one for months). */
export interface ReferenceLookups {
  /** The log-notional statistics of a trade's product and currency, else of its currency (see notionalGroupKeys). */
  notionalStats: (product: string, currency: string) => MeanStd | undefined;
  rateLevels: ReadonlyMap<string, RobustLevel>;
  counterpartyShare: (name: string) => number;
  traderShare: (name: string) => number;
}

const memo = new WeakMap<FeatureReference, ReferenceLookups>();

export function lookupsOf(reference: FeatureReference): ReferenceLookups {
  let lookups = memo.get(reference);
  if (lookups === undefined) {
    lookups = {
      notionalStats: notionalStatsLookup(reference.logNotional),
      rateLevels: new Map(Object.entries(reference.rateLevels)),
      counterpartyShare: shareLookup(reference.counterpartyShare, reference.unseenShare),
      traderShare: shareLookup(reference.traderShare, reference.unseenShare),
    };
    memo.set(reference, lookups);
  }
  return lookups;
}

/**
 * Nested by currency then product, so a lookup per trade builds no key strings: `${product}|${currency}` per row
 * was a string and a hash for each of a batch's trades.
 */
function notionalStatsLookup(records: FeatureReference['logNotional']): ReferenceLookups['notionalStats'] {
  const byCurrency = new Map<string, Map<string, MeanStd>>();
  for (const [key, stats] of Object.entries(records)) {
    const cut = key.lastIndexOf('|');
    const [product, currency] = [key.slice(0, cut), key.slice(cut + 1)];
    let products = byCurrency.get(currency);
    if (products === undefined) byCurrency.set(currency, (products = new Map()));
    products.set(product, stats);
  }
  return (product, currency) => {
    const products = byCurrency.get(currency);
    return products?.get(product) ?? products?.get(ANY_PRODUCT);
  };
}

import type { Product } from '../../schemas/trade/fields';
import { addMonths, followingWeekday } from './dates';
import type { Prng } from './prng';
import type { ReferenceData } from './reference-data';
import { WeightedPicker } from './sampling';
import type { TradeTerms } from './trade-terms';

/**
 * Term changes that make an otherwise ordinary trade anomalous. Each keeps the row valid
 * (positive notionals within 20 integer digits, effective ≤ expiration, …): unusual, not malformed.
 */

/** Extra zeros typed into the amount: usually ×1000, sometimes ×100 or ×10000. Both legs, as the booking system derives leg 2. */
export function fatFingerNotional(terms: TradeTerms, rng: Prng): TradeTerms {
  const factor = rng.pick([100, 1000, 1000, 1000, 10_000]);
  return {
    ...terms,
    notional1: terms.notional1 * factor,
    notional2: terms.notional2 === null ? null : terms.notional2 * factor,
  };
}

/** Products whose fixed rate is read against a swap curve, and so can be off-market. */
export const OFF_MARKET_PRODUCTS = new WeightedPicker<Product>([
  ['IRS', 4],
  ['CCS', 1],
]);

/** The fixed rate 250–400bp away from the curve, either way. */
export function offMarketRate(terms: TradeTerms, rng: Prng): TradeTerms {
  if (terms.fixedRate === null) throw new Error(`off-market rate needs a fixed rate (product ${terms.product})`);
  return { ...terms, fixedRate: terms.fixedRate + rng.sign() * rng.uniform(0.025, 0.04) };
}

/**
 * Dates that contradict the execution date while staying ordered: either an effective date months
 * before execution, or a whole life (effective ≤ expiration) that ended before the trade was executed.
 */
export function inconsistentDates(terms: TradeTerms, rng: Prng, tradeDay: number): TradeTerms {
  if (rng.chance(0.6)) {
    const effectiveDay = followingWeekday(tradeDay - rng.int(60, 270));
    return { ...terms, effectiveDay, expirationDay: followingWeekday(addMonths(effectiveDay, terms.tenorMonths)) };
  }
  const expirationDay = followingWeekday(tradeDay - rng.int(14, 180));
  return { ...terms, expirationDay, effectiveDay: addMonths(expirationDay, -terms.tenorMonths) };
}

/** Product mix of a quiet counterparty's burst: small plain-vanilla tickets. */
export const BURST_PRODUCTS = new WeightedPicker<Product>([
  ['IRS', 3],
  ['FX_SWAP', 2],
]);

/**
 * The second leg of a wash pair: identical economics, either with the counterparties swapped
 * (the same risk straight back) or booked between two desks of the bank itself.
 */
export function washTerms(
  first: TradeTerms,
  order: number,
  variant: 'swapped' | 'self',
  ref: ReferenceData,
  rng: Prng,
): TradeTerms {
  if (variant === 'self') {
    const internal: TradeTerms = {
      ...first,
      counterparty2: ref.bank.lei,
      counterparty2IdType: 'LEI',
      cleared: 'N',
      ccp: null,
      platform: null,
    };
    return order === 0 ? internal : { ...internal, desk: ref.almDesk.name, trader: rng.pick(ref.almDesk.traders) };
  }
  if (order === 0) return first;
  return {
    ...first,
    counterparty1: first.counterparty2,
    counterparty2: first.counterparty1,
    counterparty2IdType: 'LEI',
  };
}

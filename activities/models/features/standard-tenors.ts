import { addMonths, nextImmTwentieth } from './trade-calendar';

/** A quoted tenor: a number of days (overnight and weekly FX swaps) or of calendar months. */
interface StandardTenor {
  readonly label: string;
  readonly days?: number;
  readonly months?: number;
}

const months = (count: number): StandardTenor => ({
  label: count % 12 === 0 ? `${count / 12}Y` : `${count}M`,
  months: count,
});

/** The tenors swap desks quote; a trade whose life is far from all of them was booked with unusual dates. */
export const STANDARD_TENORS: readonly StandardTenor[] = [
  { label: '1D', days: 1 },
  { label: '1W', days: 7 },
  { label: '2W', days: 14 },
  { label: '3W', days: 21 },
  ...[1, 2, 3, 4, 5, 6, 9, 12, 18].map(months),
  ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50].map((years) => months(years * 12)),
];

/** Standard CDS contracts mature on the next IMM twentieth after the tenor, not on the tenor itself. */
const IMM_ROLL_PRODUCTS: ReadonlySet<string> = new Set(['CDS']);

export interface TenorMatch {
  /** The nearest standard tenor, e.g. `3M`, `5Y`. */
  label: string;
  /** Calendar days between the expiration date and that tenor's maturity. */
  gapDays: number;
}

/**
 * The standard tenor whose maturity (from the effective date; IMM-rolled for CDS) lies nearest the expiration
 * date. Ties go to the shorter tenor. Memoised per call site: a day's trades share few (effective, expiration) pairs.
 *
 * @example const match = createTenorMatcher(); match('IRS', 20_780, 21_145) // { label: '1Y', gapDays: 0 }
 */
export function createTenorMatcher(): (product: string, effectiveDay: number, expirationDay: number) => TenorMatch {
  // Keyed by a number, not a string built per trade: unique while day numbers stay within ±4,000,000 (any
  // four-digit year) and exact below 2^53.
  const memos = { rolling: new Map<number, TenorMatch>(), plain: new Map<number, TenorMatch>() };
  return (product, effectiveDay, expirationDay) => {
    const rolls = IMM_ROLL_PRODUCTS.has(product);
    const memo = rolls ? memos.rolling : memos.plain;
    const key = effectiveDay * 8_000_000 + expirationDay;
    let match = memo.get(key);
    if (match === undefined) {
      match = nearestStandardTenor(effectiveDay, expirationDay, rolls);
      memo.set(key, match);
    }
    return match;
  };
}

function nearestStandardTenor(effectiveDay: number, expirationDay: number, rollsToImm: boolean): TenorMatch {
  let best: TenorMatch = { label: '', gapDays: Infinity };
  for (const tenor of STANDARD_TENORS) {
    let maturity =
      tenor.months === undefined ? effectiveDay + (tenor.days ?? 0) : addMonths(effectiveDay, tenor.months);
    if (rollsToImm && tenor.months !== undefined) maturity = nextImmTwentieth(maturity);
    const gapDays = Math.abs(expirationDay - maturity);
    if (gapDays < best.gapDays) best = { label: tenor.label, gapDays };
  }
  return best;
}

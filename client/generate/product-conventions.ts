import type { Product } from '../../schemas/trade/fields';
import { WeightedPicker } from './sampling';

/** Floating indices: 91-day CD for KRW legs, SOFR for USD legs. */
export const KRW_CD = 'KRW-CD-91D';
export const USD_SOFR = 'USD-SOFR';
/** Electronic swap execution facilities for USD swaps (MICs); KRW IRS go through KRX. */
export const ELECTRONIC_SEFS = ['BBSF', 'TWSF'];

/** Share of each product in a normal day's flow: IRS dominates, as on a Korean bank's swap book. */
// prettier-ignore
export const PRODUCT_MIX: readonly (readonly [Product, number])[] = [
  ['IRS', 56], ['FX_SWAP', 20], ['CCS', 11], ['CDS', 7], ['EQUITY_SWAP', 6],
];

/** Probability that the other side is a client (client code) rather than a dealer (LEI). */
export const CLIENT_SHARE: Readonly<Record<Product, number>> = {
  IRS: 0.1,
  CCS: 0.15,
  FX_SWAP: 0.25,
  CDS: 0,
  EQUITY_SWAP: 0.35,
};

/** Tenors in months with their relative frequency. */
type TenorTable = readonly (readonly [months: number, weight: number])[];

// prettier-ignore
const IRS_TENOR_TABLE: TenorTable = [
  [3, 2], [6, 4], [9, 3], [12, 12], [18, 4], [24, 12], [36, 16], [48, 4], [60, 14], [84, 6], [120, 12], [144, 2],
  [180, 4], [240, 5],
];
// prettier-ignore
const CCS_TENOR_TABLE: TenorTable = [[12, 15], [24, 20], [36, 25], [60, 25], [84, 8], [120, 7]];
// prettier-ignore
const FX_SWAP_TENOR_TABLE: TenorTable = [[3, 40], [6, 30], [9, 10], [12, 20]];
// prettier-ignore
const CDS_TENOR_TABLE: TenorTable = [[12, 5], [36, 15], [60, 65], [84, 8], [120, 7]];
// prettier-ignore
const EQUITY_TENOR_TABLE: TenorTable = [[3, 20], [6, 30], [12, 35], [24, 15]];

export const IRS_TENORS = new WeightedPicker(IRS_TENOR_TABLE);
export const CCS_TENORS = new WeightedPicker(CCS_TENOR_TABLE);
export const FX_SWAP_TENORS = new WeightedPicker(FX_SWAP_TENOR_TABLE);
export const FX_SWAP_TENOR_MONTHS = FX_SWAP_TENOR_TABLE.map(([months]) => months);
export const CDS_TENORS = new WeightedPicker(CDS_TENOR_TABLE);
export const EQUITY_TENORS = new WeightedPicker(EQUITY_TENOR_TABLE);

/** CDS curve shape relative to five years. */
export const CDS_TENOR_FACTOR: Readonly<Record<number, number>> = { 12: 0.4, 36: 0.75, 60: 1, 84: 1.15, 120: 1.3 };

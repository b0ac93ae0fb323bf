import { Prng } from './prng';

/** A swap curve: par rates (as fractions) by tenor in months, ascending. */
export type Curve = readonly (readonly [months: number, rate: number])[];

export interface Underlying {
  /** Price in KRW (stocks) or index points. */
  price: number;
  decimals: number;
  /** Price increment: stocks trade in 100-won ticks here, the index in 0.05. */
  tick: number;
}

export interface Market {
  /** KRW IRS against 91-day CD. */
  krwIrs: Curve;
  /** USD swaps against SOFR. */
  usdSofr: Curve;
  /** KRW fixed against USD SOFR cross-currency swaps, below IRS by the structural basis. */
  krwCrs: Curve;
  usdKrwSpot: number;
  /** Five-year CDS par spreads of the reference names the desk trades. */
  cdsSpreads5y: readonly number[];
  underlyings: readonly Underlying[];
}

// prettier-ignore
const KRW_IRS: Curve = [
  [3, 0.0254], [6, 0.0253], [9, 0.0254], [12, 0.0256], [18, 0.0258], [24, 0.026], [36, 0.0265],
  [48, 0.027], [60, 0.0275], [84, 0.0282], [120, 0.0288], [144, 0.0288], [180, 0.0286], [240, 0.0279],
];
// prettier-ignore
const USD_SOFR: Curve = [
  [3, 0.0386], [6, 0.0376], [9, 0.0368], [12, 0.036], [18, 0.0351], [24, 0.0345], [36, 0.0342],
  [48, 0.0345], [60, 0.035], [84, 0.0362], [120, 0.0378], [144, 0.0385], [180, 0.0392], [240, 0.0398],
];
/** KRW CRS sits 45–70bp under KRW IRS: the structural dollar-funding basis of Korean banks. */
// prettier-ignore
const CRS_BASIS: Curve = [
  [12, -0.0045], [24, -0.0052], [36, -0.0058], [60, -0.0064], [84, -0.0067], [120, -0.007], [240, -0.0068],
];
const CDS_5Y = [0.003, 0.0034, 0.0038, 0.0041, 0.0048, 0.0055, 0.0062, 0.0071, 0.0085, 0.0104, 0.0135, 0.0162];
/** Reference stocks (KRW, 100- or 500-won ticks) and an index in points. */
const UNDERLYINGS: readonly Underlying[] = [
  { price: 71_500, decimals: 0, tick: 100 },
  { price: 186_000, decimals: 0, tick: 100 },
  { price: 245_000, decimals: 0, tick: 500 },
  { price: 82_300, decimals: 0, tick: 100 },
  { price: 211_500, decimals: 0, tick: 500 },
  { price: 362.45, decimals: 2, tick: 0.05 },
];

/** Linear interpolation between pillars, flat beyond the ends. */
export function rateAt(curve: Curve, months: number): number {
  let [prevMonths, prevRate] = curve[0] ?? [0, 0];
  if (months <= prevMonths) return prevRate;
  for (const [pillarMonths, rate] of curve) {
    if (months <= pillarMonths) {
      return prevRate + ((rate - prevRate) * (months - prevMonths)) / (pillarMonths - prevMonths);
    }
    [prevMonths, prevRate] = [pillarMonths, rate];
  }
  return prevRate;
}

/** USD/KRW outright forward by covered interest parity on the two swap curves. */
export function usdKrwForward(market: Market, months: number): number {
  const years = months / 12;
  return (
    (market.usdKrwSpot * (1 + rateAt(market.krwIrs, months) * years)) / (1 + rateAt(market.usdSofr, months) * years)
  );
}

const shift = (curve: Curve, by: number): Curve => curve.map(([m, r]) => [m, r + by] as const);

/**
 * The day's market: fixed reference levels moved by a small shift derived from the date alone,
 * so every file of the same day (whatever its seed) trades on the same market.
 */
export function buildMarket(date: string): Market {
  const rng = new Prng(`swap-reporting/market/${date}`);
  const krwIrs = shift(KRW_IRS, rng.normal() * 0.0006);
  const usdSofr = shift(USD_SOFR, rng.normal() * 0.0006);
  const basisShift = rng.normal() * 0.0003;
  const krwCrs = krwIrs.map(([m, r]) => [m, r + rateAt(CRS_BASIS, m) + basisShift] as const);
  const spotMove = Math.exp(rng.normal() * 0.01);
  const equityMove = Math.exp(rng.normal() * 0.012);
  return {
    krwIrs,
    usdSofr,
    krwCrs,
    usdKrwSpot: Math.round(1380 * spotMove * 100) / 100,
    cdsSpreads5y: CDS_5Y.map((s) => s * Math.exp(rng.normal() * 0.05)),
    underlyings: UNDERLYINGS.map((u) => ({ ...u, price: Math.round((u.price * equityMove) / u.tick) * u.tick })),
  };
}

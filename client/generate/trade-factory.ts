import type { Product } from '../../schemas/trade/fields';
import { addBusinessDays, addMonths, followingWeekday, nextImmTwentieth } from './dates';
import { rateAt, usdKrwForward, type Market } from './market-curve';
import type { Prng } from './prng';
import type { Counterparty, ReferenceData } from './reference-data';
import {
  CCS_TENORS,
  CDS_TENORS,
  CDS_TENOR_FACTOR,
  CLIENT_SHARE,
  ELECTRONIC_SEFS,
  EQUITY_TENORS,
  FX_SWAP_TENORS,
  FX_SWAP_TENOR_MONTHS,
  IRS_TENORS,
  KRW_CD,
  PRODUCT_MIX,
  USD_SOFR,
} from './product-conventions';
import { WeightedPicker, clamp, roundNotional } from './sampling';
import type { TradeTerms } from './trade-terms';

export interface TradeOverrides {
  product?: Product;
  counterparty?: Counterparty;
}

/** Builds the terms of ordinary new trades for one business day. */
export class TradeFactory {
  private readonly products = new WeightedPicker(PRODUCT_MIX);
  private readonly counterparties: WeightedPicker<Counterparty>;
  /** USD/KRW outright forward by tenor (months), computed once per day. */
  private readonly forwards: Map<number, number>;

  constructor(
    private readonly ref: ReferenceData,
    private readonly market: Market,
    private readonly tradeDay: number,
  ) {
    // Activity falls off with a dealer's rank; quiet names keep a tiny weight, so they exist but rarely trade.
    const dealerWeights = ref.dealers.map((cp, rank) => [cp, 1 / (rank + 3)] as const);
    this.counterparties = new WeightedPicker([...dealerWeights, ...ref.quiet.map((cp) => [cp, 0.0004] as const)]);
    this.forwards = new Map(FX_SWAP_TENOR_MONTHS.map((months) => [months, usdKrwForward(market, months)]));
  }

  build(rng: Prng, overrides: TradeOverrides = {}): TradeTerms {
    const product = overrides.product ?? this.products.pick(rng);
    const counterparty = overrides.counterparty ?? this.pickCounterparty(rng, product);
    switch (product) {
      case 'IRS':
        return this.irs(rng, counterparty);
      case 'CCS':
        return this.ccs(rng, counterparty);
      case 'FX_SWAP':
        return this.fxSwap(rng, counterparty);
      case 'CDS':
        return this.cds(rng, counterparty);
      case 'EQUITY_SWAP':
        return this.equitySwap(rng, counterparty);
    }
  }

  private pickCounterparty(rng: Prng, product: Product): Counterparty {
    return rng.chance(CLIENT_SHARE[product]) ? rng.pick(this.ref.clients) : this.counterparties.pick(rng);
  }

  /** A complete terms object with neutral defaults; product builders fill in the rest (one object shape for all). */
  private base(rng: Prng, product: Product, cp: Counterparty, tenorMonths: number, lag: number): TradeTerms {
    const desk = this.ref.desks[product];
    const effectiveDay = addBusinessDays(this.tradeDay, lag);
    return {
      product,
      counterparty1: this.ref.bank.lei,
      counterparty2: cp.id,
      counterparty2IdType: cp.idType,
      notional1: 0,
      currency1: '',
      notional2: null,
      currency2: null,
      fixedRate: null,
      floatingIndex: null,
      spread: null,
      price: null,
      priceDecimals: 0,
      tenorMonths,
      effectiveDay,
      expirationDay: followingWeekday(addMonths(effectiveDay, tenorMonths)),
      cleared: 'N',
      ccp: null,
      platform: null,
      desk: desk.name,
      trader: rng.pick(desk.traders),
      sourceSystem: desk.sourceSystem.name,
    };
  }

  private irs(rng: Prng, cp: Counterparty): TradeTerms {
    const krw = rng.chance(0.75);
    const tenor = IRS_TENORS.pick(rng);
    const t = this.base(rng, 'IRS', cp, tenor, krw ? 1 : 2);
    const clientMarkup = cp.idType === 'CLIENT' ? rng.sign() * rng.uniform(0.0002, 0.0006) : 0;
    t.notional1 = krw
      ? roundNotional(clamp(rng.lognormal(10e9, 0.75), 1e9, 500e9), rng, 1e8)
      : roundNotional(clamp(rng.lognormal(25e6, 0.6), 1e6, 500e6), rng, 1e6);
    t.currency1 = krw ? 'KRW' : 'USD';
    t.fixedRate = rateAt(krw ? this.market.krwIrs : this.market.usdSofr, tenor) + rng.normal() * 0.0001 + clientMarkup;
    t.floatingIndex = krw ? KRW_CD : USD_SOFR;
    // KRW IRS between dealers is cleared at the domestic CCP (KRX); USD swaps mostly at LCH.
    if (cp.idType === 'LEI' && rng.chance(krw ? 0.9 : 0.85)) {
      t.cleared = rng.chance(0.01) ? 'I' : 'Y';
      t.ccp = krw ? this.ref.ccps.krx : this.ref.ccps.lch;
      if (rng.chance(0.25)) t.platform = krw ? 'XKRX' : rng.pick(ELECTRONIC_SEFS);
    }
    return t;
  }

  private ccs(rng: Prng, cp: Counterparty): TradeTerms {
    const tenor = CCS_TENORS.pick(rng);
    const t = this.base(rng, 'CCS', cp, tenor, 2);
    const usd = roundNotional(clamp(rng.lognormal(30e6, 0.6), 2e6, 500e6), rng, 1e6);
    // KRW fixed leg against the USD SOFR leg, notionals exchanged at today's spot.
    t.notional1 = Math.round(usd * this.market.usdKrwSpot);
    t.currency1 = 'KRW';
    t.notional2 = usd;
    t.currency2 = 'USD';
    t.fixedRate = rateAt(this.market.krwCrs, tenor) + rng.normal() * 0.00015;
    t.floatingIndex = USD_SOFR;
    return t;
  }

  private fxSwap(rng: Prng, cp: Counterparty): TradeTerms {
    const tenor = FX_SWAP_TENORS.pick(rng);
    const t = this.base(rng, 'FX_SWAP', cp, tenor, 2);
    const usd = roundNotional(clamp(rng.lognormal(30e6, 0.7), 1e6, 1e9), rng, 1e6);
    const forward = Math.round((this.forwards.get(tenor) ?? this.market.usdKrwSpot) * 100 + rng.normal() * 15) / 100;
    t.notional1 = usd;
    t.currency1 = 'USD';
    t.notional2 = Math.round(usd * forward);
    t.currency2 = 'KRW';
    t.price = forward;
    t.priceDecimals = 2;
    return t;
  }

  private cds(rng: Prng, cp: Counterparty): TradeTerms {
    const tenor = CDS_TENORS.pick(rng);
    const t = this.base(rng, 'CDS', cp, tenor, 1);
    // Standard contracts roll on IMM dates and pay a fixed 100bp coupon (investment-grade names).
    t.expirationDay = nextImmTwentieth(addMonths(t.effectiveDay, tenor));
    t.notional1 = roundNotional(clamp(rng.lognormal(10e6, 0.5), 2e6, 100e6), rng, 1e6);
    t.currency1 = 'USD';
    t.fixedRate = 0.01;
    t.spread = rng.pick(this.market.cdsSpreads5y) * (CDS_TENOR_FACTOR[tenor] ?? 1) * Math.exp(rng.normal() * 0.03);
    return t;
  }

  private equitySwap(rng: Prng, cp: Counterparty): TradeTerms {
    const tenor = EQUITY_TENORS.pick(rng);
    const t = this.base(rng, 'EQUITY_SWAP', cp, tenor, 2);
    const underlying = rng.pick(this.market.underlyings);
    t.notional1 = roundNotional(clamp(rng.lognormal(5e9, 0.8), 5e8, 100e9), rng, 1e8);
    t.currency1 = 'KRW';
    t.floatingIndex = KRW_CD;
    t.spread = Math.round(rng.uniform(0.003, 0.009) * 10_000) / 10_000;
    t.price = Math.round((underlying.price * (1 + rng.normal() * 0.002)) / underlying.tick) * underlying.tick;
    t.priceDecimals = underlying.decimals;
    return t;
  }
}

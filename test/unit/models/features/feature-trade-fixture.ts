import type { FeatureTrade } from '../../../../activities/models/features';
import { withLeiCheckDigits } from '../../../../schemas/trade/lei';

export const BANK = withLeiCheckDigits('988400KSBSWAP7Q2M4');
export const DEALER = withLeiCheckDigits('549300DEALERAAAAAA');
/** 2026-11-20 (a Friday) 10:00 KST. */
export const FRIDAY_10_KST = Date.parse('2026-11-20T10:00:00+09:00');
export const MINUTE = 60_000;

/** A plain-vanilla KRW 5-year IRS between the bank and a dealer on Friday morning; override what a test varies. */
export function featureTrade(overrides: Partial<FeatureTrade> = {}): FeatureTrade {
  return {
    event_key: 'k',
    uti: `${BANK}SWAP1`,
    action_type: 'NEWT',
    product: 'IRS',
    notional_leg1: 10e9,
    notional_currency_leg1: 'KRW',
    notional_currency_leg2: null,
    fixed_rate_leg1: 0.0275,
    price: null,
    spread: null,
    executionMs: FRIDAY_10_KST,
    effective_date: '2026-11-23',
    expiration_date: '2031-11-24',
    counterparty_1: BANK,
    counterparty_2: DEALER,
    counterparty_2_id_type: 'LEI',
    cleared: 'Y',
    desk: '금리스왑데스크',
    trader_id: 'KSB1001',
    ...overrides,
  };
}

/** The value of one named feature for every row. */
export function column(matrix: { data: Float64Array; rows: number; cols: number }, index: number): number[] {
  return Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + index]!);
}

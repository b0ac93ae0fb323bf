/** The trade record's columns, in the order files and reports use them (DESIGN: Trade record). */
export const TRADE_COLUMNS = [
  'uti',
  'prior_uti',
  'action_type',
  'event_type',
  'counterparty_1',
  'counterparty_2',
  'counterparty_2_id_type',
  'product',
  'asset_class',
  'notional_leg1',
  'notional_currency_leg1',
  'notional_leg2',
  'notional_currency_leg2',
  'fixed_rate_leg1',
  'floating_index_leg2',
  'spread',
  'price',
  'execution_ts',
  'effective_date',
  'expiration_date',
  'cleared',
  'central_counterparty',
  'platform_id',
  'desk',
  'trader_id',
  'source_system',
  'source_trade_id',
] as const;

export type TradeColumn = (typeof TRADE_COLUMNS)[number];

/** Columns a file header must contain; the others may be left out of the header entirely. */
export const REQUIRED_COLUMNS: readonly TradeColumn[] = [
  'uti',
  'action_type',
  'event_type',
  'counterparty_1',
  'counterparty_2',
  'counterparty_2_id_type',
  'product',
  'asset_class',
  'notional_leg1',
  'notional_currency_leg1',
  'execution_ts',
  'effective_date',
  'expiration_date',
  'cleared',
];

export const ACTION_TYPES = ['NEWT', 'MODI', 'CORR', 'TERM', 'EROR', 'VALU'] as const;
export const EVENT_TYPES = ['TRAD', 'NOVA', 'COMP', 'ETRM', 'CLRG', 'EXER', 'UPDT'] as const;
/** Action types whose event_type must be empty. */
export const ACTIONS_WITHOUT_EVENT: readonly ActionType[] = ['CORR', 'EROR', 'VALU'];
export const PRODUCTS = ['IRS', 'CCS', 'FX_SWAP', 'CDS', 'EQUITY_SWAP'] as const;
export const ASSET_CLASSES = ['IR', 'FX', 'CR', 'EQ'] as const;
/** Cross-currency swaps are interest-rate products in CFTC Part 45's taxonomy. */
export const PRODUCT_ASSET_CLASS: Readonly<Record<Product, AssetClass>> = {
  IRS: 'IR',
  CCS: 'IR',
  FX_SWAP: 'FX',
  CDS: 'CR',
  EQUITY_SWAP: 'EQ',
};
/** Products whose second leg (notional and currency) is mandatory. */
export const TWO_CURRENCY_PRODUCTS: readonly Product[] = ['CCS', 'FX_SWAP'];
export const CLEARED_VALUES = ['Y', 'N', 'I'] as const;
export const COUNTERPARTY_ID_TYPES = ['LEI', 'CLIENT'] as const;

export type ActionType = (typeof ACTION_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type Product = (typeof PRODUCTS)[number];
export type AssetClass = (typeof ASSET_CLASSES)[number];
export type Cleared = (typeof CLEARED_VALUES)[number];
export type CounterpartyIdType = (typeof COUNTERPARTY_ID_TYPES)[number];

/** A validated trade event, normalised: decimals as canonical strings, execution_ts in UTC ISO 8601. */
export interface TradeRecord {
  uti: string;
  prior_uti: string | null;
  action_type: ActionType;
  event_type: EventType | null;
  counterparty_1: string;
  counterparty_2: string;
  counterparty_2_id_type: CounterpartyIdType;
  product: Product;
  asset_class: AssetClass;
  notional_leg1: string;
  notional_currency_leg1: string;
  notional_leg2: string | null;
  notional_currency_leg2: string | null;
  fixed_rate_leg1: string | null;
  floating_index_leg2: string | null;
  spread: string | null;
  price: string | null;
  /** UTC, e.g. `2026-11-20T01:02:03.456789Z`. */
  execution_ts: string;
  effective_date: string;
  expiration_date: string;
  cleared: Cleared;
  central_counterparty: string | null;
  platform_id: string | null;
  desk: string | null;
  trader_id: string | null;
  source_system: string | null;
  source_trade_id: string | null;
}

/** One input row as text, keyed by column; columns absent from the file are absent here. */
export type RawTradeRow = Partial<Record<TradeColumn, string>>;

export type TradeValidation = { ok: true; record: TradeRecord } | { ok: false; reasons: string[] };

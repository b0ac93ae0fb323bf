import {
  PRODUCT_ASSET_CLASS,
  type ActionType,
  type Cleared,
  type CounterpartyIdType,
  type EventType,
  type Product,
  type TradeColumn,
} from '../../schemas/trade/fields';
import { formatDay, formatKstTimestamp } from './dates';
import { toFixedPlain } from './sampling';

/** The economic and booking terms of one trade, in numbers; turned into text only when written. */
export interface TradeTerms {
  product: Product;
  counterparty1: string;
  counterparty2: string;
  counterparty2IdType: CounterpartyIdType;
  notional1: number;
  currency1: string;
  notional2: number | null;
  currency2: string | null;
  fixedRate: number | null;
  floatingIndex: string | null;
  spread: number | null;
  price: number | null;
  priceDecimals: number;
  tenorMonths: number;
  effectiveDay: number;
  expirationDay: number;
  cleared: Cleared;
  ccp: string | null;
  platform: string | null;
  desk: string;
  trader: string;
  sourceSystem: string;
}

/** One reportable event of a trade: its terms at that moment plus what happened and when. */
export interface TradeEvent {
  uti: string;
  actionType: ActionType;
  eventType: EventType | null;
  /** Milliseconds after KST midnight of the file's business date. */
  executionMs: number;
  sourceTradeId: string;
  terms: TradeTerms;
}

/** A row as written: every column present, empty text for an absent value. */
export type TradeRow = Record<TradeColumn, string>;

const RATE_DECIMALS = 5;

const amount = (value: number): string => Math.round(value).toString();
const optionalAmount = (value: number | null): string => (value === null ? '' : amount(value));
const rate = (value: number | null): string => (value === null ? '' : toFixedPlain(value, RATE_DECIMALS));

export function toTradeRow(event: TradeEvent, dateText: string): TradeRow {
  const t = event.terms;
  return {
    uti: event.uti,
    prior_uti: '',
    action_type: event.actionType,
    event_type: event.eventType ?? '',
    counterparty_1: t.counterparty1,
    counterparty_2: t.counterparty2,
    counterparty_2_id_type: t.counterparty2IdType,
    product: t.product,
    asset_class: PRODUCT_ASSET_CLASS[t.product],
    notional_leg1: amount(t.notional1),
    notional_currency_leg1: t.currency1,
    notional_leg2: optionalAmount(t.notional2),
    notional_currency_leg2: t.currency2 ?? '',
    fixed_rate_leg1: rate(t.fixedRate),
    floating_index_leg2: t.floatingIndex ?? '',
    spread: rate(t.spread),
    price: t.price === null ? '' : toFixedPlain(t.price, t.priceDecimals),
    execution_ts: formatKstTimestamp(dateText, event.executionMs),
    effective_date: formatDay(t.effectiveDay),
    expiration_date: formatDay(t.expirationDay),
    cleared: t.cleared,
    central_counterparty: t.ccp ?? '',
    platform_id: t.platform ?? '',
    desk: t.desk,
    trader_id: t.trader,
    source_system: t.sourceSystem,
    source_trade_id: event.sourceTradeId,
  };
}

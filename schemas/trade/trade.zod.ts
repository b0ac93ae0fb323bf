import { z } from 'zod';
import { TRADE_COLUMNS } from './fields';
import type { RawTradeRow, TradeColumn, TradeRecord } from './fields';
import { validateTrade } from './validate-trade';

/** Most trades one `POST /api/trades` may carry. */
export const MAX_TRADES_PER_REQUEST = 1000;

// Absent, null and '' all mean "not given", as an empty CSV cell does.
const text = z.string().nullable().optional();
// JSON numbers are accepted for convenience; send strings to keep every digit (1e21 or 0.1 + 0.2 do not survive).
const decimal = z
  .union([z.string(), z.number().transform(String)])
  .nullable()
  .optional();

const tradeInputShape = {
  uti: text,
  prior_uti: text,
  action_type: text,
  event_type: text,
  counterparty_1: text,
  counterparty_2: text,
  counterparty_2_id_type: text,
  product: text,
  asset_class: text,
  notional_leg1: decimal,
  notional_currency_leg1: text,
  notional_leg2: decimal,
  notional_currency_leg2: text,
  fixed_rate_leg1: decimal,
  floating_index_leg2: text,
  spread: decimal,
  price: decimal,
  execution_ts: text,
  effective_date: text,
  expiration_date: text,
  cleared: text,
  central_counterparty: text,
  platform_id: text,
  desk: text,
  trader_id: text,
  source_system: text,
  source_trade_id: text,
} satisfies Record<TradeColumn, z.ZodType>;

/**
 * One trade of the HTTP API: the trade record's fields as strings (decimals may be numbers), unknown keys
 * rejected, validated and normalised by validateTrade into a TradeRecord. Each reason becomes an issue whose
 * path is the field. `now` is the validation clock (execution_ts may not be in the future).
 *
 * @example
 * const schema = makeTradeInputSchema(() => clock.now());
 * const parsed = schema.safeParse(body); // parsed.error?.issues[0]?.path → ['notional_leg1']
 */
export function makeTradeInputSchema(now: () => number) {
  return z.strictObject(tradeInputShape).transform((input, ctx): TradeRecord => {
    const raw: RawTradeRow = {};
    for (const column of TRADE_COLUMNS) {
      const value = input[column];
      if (value !== undefined && value !== null) raw[column] = value;
    }
    const result = validateTrade(raw, now());
    if (result.ok) return result.record;
    for (const reason of result.reasons) {
      const colon = reason.indexOf(': ');
      ctx.addIssue({ code: 'custom', path: [reason.slice(0, colon)], message: reason.slice(colon + 2), input });
    }
    return z.NEVER;
  });
}

/**
 * The body of `POST /api/trades`: one trade object, or an array of 1 to MAX_TRADES_PER_REQUEST of them.
 * Issue paths are `[field]` for a single trade and `[index, field]` in an array.
 */
export function makeTradeBatchSchema(now: () => number) {
  const one = makeTradeInputSchema(now);
  const many = z
    .array(one)
    .min(1, 'must hold at least 1 trade')
    .max(MAX_TRADES_PER_REQUEST, `must hold at most ${MAX_TRADES_PER_REQUEST} trades`);
  // Dispatching on the shape (rather than z.union) keeps each issue's own path instead of one "invalid_union".
  return z.unknown().transform((body, ctx): TradeRecord | TradeRecord[] => {
    const result = Array.isArray(body) ? many.safeParse(body) : one.safeParse(body);
    if (result.success) return result.data;
    // Re-raised as they are (code, path, message, details) so clients see the inner schema's own issue.
    for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: body } as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

/** makeTradeInputSchema on the system clock, read at each parse. */
export const tradeInputSchema = makeTradeInputSchema(() => Date.now());
/** makeTradeBatchSchema on the system clock, read at each parse. */
export const tradeBatchSchema = makeTradeBatchSchema(() => Date.now());

export type TradeInput = z.input<typeof tradeInputSchema>;

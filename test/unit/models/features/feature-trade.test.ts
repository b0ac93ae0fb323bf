import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FEATURE_TRADE_COLUMNS,
  fromTradeRecord,
  fromTradeRow,
  type FeatureTradeRow,
} from '../../../../activities/models/features';
import type { TradeRecord } from '../../../../schemas/trade/fields';
import { validateTrade } from '../../../../schemas/trade/validate-trade';
import { BANK, DEALER } from './feature-trade-fixture';

const NOW_MS = Date.parse('2026-11-23T00:00:00Z');
const EVENT_KEY = '0b7f0c0e-6a43-4f6e-9a57-7e0d8f3b2c11';

/** An FX swap as an upstream system would send it: KST offset, two legs, a price and no fixed rate. */
function fxSwapRecord(): TradeRecord {
  const result = validateTrade(
    {
      uti: `${BANK}FX1`,
      action_type: 'NEWT',
      event_type: 'TRAD',
      counterparty_1: BANK,
      counterparty_2: 'KSB-CL.100001',
      counterparty_2_id_type: 'CLIENT',
      product: 'FX_SWAP',
      asset_class: 'FX',
      notional_leg1: '25000000',
      notional_currency_leg1: 'USD',
      notional_leg2: '34387500000',
      notional_currency_leg2: 'KRW',
      price: '1375.50',
      execution_ts: '2026-11-20T10:15:30.123+09:00',
      effective_date: '2026-11-24',
      expiration_date: '2027-02-24',
      cleared: 'N',
      desk: 'FX스왑데스크',
      trader_id: 'KSB2002',
    },
    NOW_MS,
  );
  assert.ok(result.ok, result.ok ? '' : result.reasons.join('; '));
  return result.record;
}

/** The same trade read back from `trades`: numerics padded to the column's scale, the timestamp as a Date. */
function asDatabaseRow(record: TradeRecord): FeatureTradeRow {
  const padded = (text: string | null, scale: number) => (text === null ? null : Number(text).toFixed(scale));
  return {
    event_key: EVENT_KEY,
    uti: record.uti,
    action_type: record.action_type,
    product: record.product,
    notional_leg1: Number(record.notional_leg1).toFixed(5),
    notional_currency_leg1: record.notional_currency_leg1,
    notional_currency_leg2: record.notional_currency_leg2,
    fixed_rate_leg1: padded(record.fixed_rate_leg1, 10),
    price: padded(record.price, 10),
    spread: padded(record.spread, 10),
    execution_ts: new Date(record.execution_ts),
    effective_date: record.effective_date,
    expiration_date: record.expiration_date,
    counterparty_1: record.counterparty_1,
    counterparty_2: record.counterparty_2,
    counterparty_2_id_type: record.counterparty_2_id_type,
    cleared: record.cleared,
    desk: record.desk,
    trader_id: record.trader_id,
  };
}

describe('FeatureTrade converters', () => {
  it('parses a validated record: numbers, nulls, the UTC instant and the event key', () => {
    const trade = fromTradeRecord(fxSwapRecord(), EVENT_KEY);
    assert.equal(trade.event_key, EVENT_KEY);
    assert.equal(trade.notional_leg1, 25_000_000);
    assert.equal(trade.price, 1375.5);
    assert.equal(trade.fixed_rate_leg1, null);
    assert.equal(trade.spread, null);
    assert.equal(trade.executionMs, Date.parse('2026-11-20T01:15:30.123Z'));
    assert.equal(trade.notional_currency_leg2, 'KRW');
    assert.equal(trade.effective_date, '2026-11-24');
    assert.equal(trade.counterparty_2_id_type, 'CLIENT');
    assert.equal(trade.trader_id, 'KSB2002');
  });

  it('reads a database row to the same FeatureTrade as the record it was stored from', () => {
    const record = fxSwapRecord();
    assert.deepEqual(fromTradeRow(asDatabaseRow(record)), fromTradeRecord(record, EVENT_KEY));
  });

  it('keeps an IRS fixed rate exactly as the record states it', () => {
    const record: TradeRecord = { ...fxSwapRecord(), product: 'IRS', fixed_rate_leg1: '0.02754', price: null };
    assert.equal(fromTradeRecord(record, EVENT_KEY).fixed_rate_leg1, 0.02754);
    assert.equal(fromTradeRow(asDatabaseRow(record)).fixed_rate_leg1, 0.02754);
  });

  it('refuses text that is not a number instead of passing NaN on', () => {
    const record: TradeRecord = { ...fxSwapRecord(), counterparty_2: DEALER, notional_leg1: 'abc' };
    assert.throws(() => fromTradeRecord(record, EVENT_KEY), /notional_leg1 'abc' is not a number/);
  });

  it('names only columns of the trades table', () => {
    const row = asDatabaseRow(fxSwapRecord());
    assert.deepEqual(Object.keys(row).sort(), [...FEATURE_TRADE_COLUMNS].sort());
  });
});

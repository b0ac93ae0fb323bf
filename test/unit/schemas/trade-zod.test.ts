import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_TRADES_PER_REQUEST,
  makeTradeBatchSchema,
  makeTradeInputSchema,
  tradeInputSchema,
} from '../../../schemas/trade/trade.zod';

const NOW = Date.UTC(2026, 5, 1, 3, 0, 0);
const clock = () => NOW;
const schema = makeTradeInputSchema(clock);
const batch = makeTradeBatchSchema(clock);

// Real published LEIs: JPMorgan Chase & Co., Goldman Sachs Group, LCH Limited.
const TRADE = {
  uti: '8I5DZWZKVSZI1NUHU748IRS20260529000001',
  action_type: 'NEWT',
  event_type: 'TRAD',
  counterparty_1: '8I5DZWZKVSZI1NUHU748',
  counterparty_2: '784F5XWPLTWKTBV3E584',
  counterparty_2_id_type: 'LEI',
  product: 'IRS',
  asset_class: 'IR',
  notional_leg1: '10000000000.00',
  notional_currency_leg1: 'KRW',
  fixed_rate_leg1: '3.25',
  execution_ts: '2026-05-29T10:15:30+09:00',
  effective_date: '2026-06-02',
  expiration_date: '2031-06-02',
  cleared: 'Y',
  central_counterparty: 'F226TOH6YD6XJB17KS62',
};

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): PropertyKey[][] {
  assert.equal(result.success, false);
  return (result.error?.issues ?? []).map((issue) => issue.path);
}

describe('tradeInputSchema', () => {
  it('turns a valid payload into a normalised TradeRecord', () => {
    const record = schema.parse(TRADE);
    assert.equal(record.notional_leg1, '10000000000');
    assert.equal(record.execution_ts, '2026-05-29T01:15:30.000000Z');
    assert.equal(record.prior_uti, null);
    assert.equal(record.desk, null);
  });

  it('accepts numbers for the decimal fields and null for absent fields', () => {
    const record = schema.parse({
      ...TRADE,
      notional_leg1: 2500000.5,
      fixed_rate_leg1: -0.125,
      price: null,
      desk: null,
    });
    assert.equal(record.notional_leg1, '2500000.5');
    assert.equal(record.fixed_rate_leg1, '-0.125');
    assert.equal(record.price, null);
  });

  it('names the field in the path of each issue, with the reason as the message', () => {
    const result = schema.safeParse({ ...TRADE, notional_leg1: '0', asset_class: 'FX' });
    assert.deepEqual(issuePaths(result), [['asset_class'], ['notional_leg1']]);
    assert.equal(result.error?.issues[1]?.message, 'must be a number greater than 0');
    assert.equal(result.error?.issues[0]?.message, 'FX does not match product IRS (expected IR)');
  });

  it('rejects numbers in text fields and unknown keys', () => {
    assert.deepEqual(issuePaths(schema.safeParse({ ...TRADE, uti: 42 })), [['uti']]);
    const unknown = schema.safeParse({ ...TRADE, notional: '5' });
    assert.equal(unknown.success, false);
    assert.equal(unknown.error?.issues[0]?.code, 'unrecognized_keys');
  });

  it('reads "now" from the clock it was made with', () => {
    const future = { ...TRADE, execution_ts: '2026-06-01T12:10:00+09:00' };
    assert.deepEqual(issuePaths(schema.safeParse(future)), [['execution_ts']]);
    assert.equal(makeTradeInputSchema(() => NOW + 10 * 60_000).safeParse(future).success, true);
  });

  it('has a default instance on the system clock', () => {
    assert.equal(tradeInputSchema.safeParse(TRADE).success, true);
  });
});

describe('tradeBatchSchema', () => {
  it('accepts a single trade object', () => {
    const result = batch.parse(TRADE);
    assert.ok(!Array.isArray(result));
    assert.equal(result.uti, TRADE.uti);
  });

  it('accepts an array of trades', () => {
    const result = batch.parse([TRADE, { ...TRADE, uti: `${TRADE.uti}2` }]);
    assert.ok(Array.isArray(result));
    assert.equal(result.length, 2);
  });

  it('names the index and the field of a bad trade in an array', () => {
    const result = batch.safeParse([TRADE, { ...TRADE, product: 'CCS' }]);
    assert.deepEqual(issuePaths(result), [
      [1, 'notional_leg2'],
      [1, 'notional_currency_leg2'],
    ]);
  });

  it('names the field of a bad single trade', () => {
    assert.deepEqual(issuePaths(batch.safeParse({ ...TRADE, cleared: 'X' })), [['cleared']]);
  });

  it(`accepts 1 to ${MAX_TRADES_PER_REQUEST} trades, not 0 or ${MAX_TRADES_PER_REQUEST + 1}`, () => {
    assert.equal(batch.safeParse([]).success, false);
    assert.equal(batch.safeParse([]).error?.issues[0]?.code, 'too_small');
    const many = Array.from({ length: MAX_TRADES_PER_REQUEST + 1 }, (_, i) => ({ ...TRADE, uti: `${TRADE.uti}${i}` }));
    const tooMany = batch.safeParse(many);
    assert.equal(tooMany.success, false);
    assert.equal(tooMany.error?.issues[0]?.code, 'too_big');
    assert.equal(batch.safeParse(many.slice(0, MAX_TRADES_PER_REQUEST)).success, true);
  });

  it('rejects a body that is neither an object nor an array', () => {
    assert.equal(batch.safeParse('trades').success, false);
    assert.equal(batch.safeParse(null).success, false);
  });
});

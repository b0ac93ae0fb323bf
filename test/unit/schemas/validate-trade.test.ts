import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ISO_CURRENCIES, isIsoCurrency } from '../../../schemas/trade/currencies';
import { TRADE_COLUMNS } from '../../../schemas/trade/fields';
import type { RawTradeRow, TradeColumn, TradeRecord } from '../../../schemas/trade/fields';
import { validateTrade } from '../../../schemas/trade/validate-trade';

// Real published LEIs (see lei.test.ts).
const JPMORGAN = '8I5DZWZKVSZI1NUHU748';
const GOLDMAN = '784F5XWPLTWKTBV3E584';
const DEUTSCHE = '7LTWFZYICNSX8D621K86';
const LCH = 'F226TOH6YD6XJB17KS62';
/** JPMorgan's LEI with the last check digit changed. */
const BAD_CHECK_LEI = '8I5DZWZKVSZI1NUHU749';

/** The validation clock: 2026-06-01 12:00 KST. */
const NOW = Date.UTC(2026, 5, 1, 3, 0, 0);

const BASE: RawTradeRow = {
  uti: `${JPMORGAN}IRS20260529000001`,
  prior_uti: '',
  action_type: 'NEWT',
  event_type: 'TRAD',
  counterparty_1: JPMORGAN,
  counterparty_2: GOLDMAN,
  counterparty_2_id_type: 'LEI',
  product: 'IRS',
  asset_class: 'IR',
  notional_leg1: '10000000000',
  notional_currency_leg1: 'KRW',
  notional_leg2: '',
  notional_currency_leg2: '',
  fixed_rate_leg1: '3.25',
  floating_index_leg2: 'KRW-CD-KSDA-BLOOMBERG',
  spread: '',
  price: '',
  execution_ts: '2026-05-29T10:15:30.123+09:00',
  effective_date: '2026-06-02',
  expiration_date: '2031-06-02',
  cleared: 'Y',
  central_counterparty: LCH,
  platform_id: 'XKRX',
  desk: '금리스왑 데스크',
  trader_id: 'T0042',
  source_system: 'MUREX',
  source_trade_id: 'MX-2026-000001',
};

const BASE_RECORD: TradeRecord = {
  uti: `${JPMORGAN}IRS20260529000001`,
  prior_uti: null,
  action_type: 'NEWT',
  event_type: 'TRAD',
  counterparty_1: JPMORGAN,
  counterparty_2: GOLDMAN,
  counterparty_2_id_type: 'LEI',
  product: 'IRS',
  asset_class: 'IR',
  notional_leg1: '10000000000',
  notional_currency_leg1: 'KRW',
  notional_leg2: null,
  notional_currency_leg2: null,
  fixed_rate_leg1: '3.25',
  floating_index_leg2: 'KRW-CD-KSDA-BLOOMBERG',
  spread: null,
  price: null,
  execution_ts: '2026-05-29T01:15:30.123000Z',
  effective_date: '2026-06-02',
  expiration_date: '2031-06-02',
  cleared: 'Y',
  central_counterparty: LCH,
  platform_id: 'XKRX',
  desk: '금리스왑 데스크',
  trader_id: 'T0042',
  source_system: 'MUREX',
  source_trade_id: 'MX-2026-000001',
};

function record(changes: RawTradeRow, now = NOW): TradeRecord {
  const result = validateTrade({ ...BASE, ...changes }, now);
  assert.ok(result.ok, `expected a valid row, got: ${result.ok ? '' : result.reasons.join(' | ')}`);
  return result.record;
}

function reasons(changes: RawTradeRow, now = NOW): string[] {
  const result = validateTrade({ ...BASE, ...changes }, now);
  assert.ok(!result.ok, 'expected the row to be rejected');
  return result.reasons;
}

function fieldsOf(list: string[]): string[] {
  return list.map((reason) => reason.slice(0, reason.indexOf(': ')));
}

/** The row is rejected for `field` alone, with a reason matching `message` when given. */
function rejects(changes: RawTradeRow, field: TradeColumn, message?: RegExp | string, now = NOW): string[] {
  const list = reasons(changes, now);
  assert.deepEqual([...new Set(fieldsOf(list))], [field], list.join(' | '));
  if (typeof message === 'string') assert.ok(list.includes(`${field}: ${message}`), list.join(' | '));
  else if (message)
    assert.ok(
      list.some((r) => message.test(r)),
      `${message} in ${list.join(' | ')}`,
    );
  return list;
}

describe('validateTrade: the base row', () => {
  it('passes and is normalised with every field set', () => {
    assert.deepEqual(record({}), BASE_RECORD);
  });

  it('leaves out columns absent from the file as null', () => {
    const { prior_uti: _a, notional_leg2: _b, notional_currency_leg2: _c, spread: _d, price: _e, ...rest } = BASE;
    const result = validateTrade(rest, NOW);
    assert.ok(result.ok);
    assert.deepEqual(result.record, BASE_RECORD);
  });

  it('reports each missing required column', () => {
    const result = validateTrade({}, NOW);
    assert.ok(!result.ok);
    for (const field of [
      'uti',
      'action_type',
      'counterparty_1',
      'counterparty_2_id_type',
      'counterparty_2',
      'product',
      'asset_class',
      'notional_leg1',
      'notional_currency_leg1',
      'execution_ts',
      'effective_date',
      'expiration_date',
      'cleared',
    ]) {
      assert.ok(result.reasons.includes(`${field}: is required`), `${field} in ${result.reasons.join(' | ')}`);
    }
  });
});

describe('validateTrade: trimming, absence and NUL', () => {
  it('trims every value, including full-width and no-break spaces', () => {
    const r = record({ action_type: ' NEWT ', desk: '\u3000금리 데스크\u00a0', notional_currency_leg1: '\tKRW ' });
    assert.equal(r.action_type, 'NEWT');
    assert.equal(r.desk, '금리 데스크');
    assert.equal(r.notional_currency_leg1, 'KRW');
  });

  it('treats an empty or blank value as absent', () => {
    const r = record({ prior_uti: '   ', platform_id: '', desk: ' ' });
    assert.equal(r.prior_uti, null);
    assert.equal(r.platform_id, null);
    assert.equal(r.desk, null);
    rejects({ uti: '  ' }, 'uti', 'is required');
  });

  it('rejects a NUL character with that reason alone', () => {
    rejects({ desk: 'rates\u0000desk' }, 'desk', 'contains a NUL byte');
    assert.deepEqual(reasons({ uti: `${BASE.uti}\u0000` }), ['uti: contains a NUL byte']);
    assert.deepEqual(reasons({ uti: '\u0000' }), ['uti: contains a NUL byte']);
    rejects({ spread: '\u0000' }, 'spread', 'contains a NUL byte');
    assert.deepEqual(reasons({ counterparty_2_id_type: 'X', counterparty_2: 'A\u0000' }), [
      "counterparty_2_id_type: 'X' is not one of LEI, CLIENT",
      'counterparty_2: contains a NUL byte',
    ]);
  });

  for (const field of TRADE_COLUMNS) {
    it(`rejects a NUL character in ${field}`, () => {
      const value = BASE[field] ? `${BASE[field].slice(0, 3)}\u0000${BASE[field].slice(3)}` : '\u0000';
      const list = reasons({ [field]: value });
      assert.ok(list.includes(`${field}: contains a NUL byte`), list.join(' | '));
      assert.equal(list.filter((r) => r.startsWith(`${field}: `)).length, 1, list.join(' | '));
      // Reasons are stored in PostgreSQL text columns, which cannot hold a NUL.
      assert.ok(!list.some((r) => r.includes('\u0000')));
    });
  }
});

describe('validateTrade: uti and prior_uti', () => {
  it('accepts 21 to 52 characters starting with an LEI', () => {
    record({ uti: `${GOLDMAN}X` });
    record({ uti: `${GOLDMAN}${'9'.repeat(32)}` });
  });

  it('rejects a length outside 21-52', () => {
    rejects({ uti: JPMORGAN }, 'uti', /^uti: must be 21 to 52 characters.*got 20$/);
    rejects({ uti: `${JPMORGAN}${'1'.repeat(33)}` }, 'uti', /^uti: must be 21 to 52 characters.*got 53$/);
  });

  it('rejects characters other than A-Z 0-9', () => {
    rejects({ uti: `${JPMORGAN}irs-001` }, 'uti', 'may contain only upper-case letters A-Z and digits 0-9');
  });

  it('rejects a UTI whose first 20 characters fail the LEI check', () => {
    rejects(
      { uti: `${BAD_CHECK_LEI}IRS1` },
      'uti',
      /first 20 characters '8I5DZWZKVSZI1NUHU749' fail the LEI check digits/,
    );
    rejects({ uti: 'ABCDEFGHIJKLMNOPQRSTUV' }, 'uti', /are not an LEI/);
  });

  it('gives a separate reason for each problem', () => {
    const list = rejects({ uti: 'abc' }, 'uti');
    assert.equal(list.length, 2, list.join(' | '));
    assert.equal(rejects({ uti: `${BAD_CHECK_LEI}${'1'.repeat(33)}` }, 'uti').length, 2);
  });

  it('prior_uti is optional and has the same format', () => {
    assert.equal(record({ prior_uti: `${DEUTSCHE}OLD1` }).prior_uti, `${DEUTSCHE}OLD1`);
    rejects({ prior_uti: `${BAD_CHECK_LEI}OLD1` }, 'prior_uti', /LEI check digits/);
    rejects({ prior_uti: 'OLD1' }, 'prior_uti', /must be 21 to 52 characters/);
  });
});

describe('validateTrade: action_type and event_type', () => {
  it('rejects an unknown action type', () => {
    rejects({ action_type: 'NEW' }, 'action_type', "'NEW' is not one of NEWT, MODI, CORR, TERM, EROR, VALU");
    rejects({ action_type: 'newt' }, 'action_type');
  });

  it('rejects an unknown event type', () => {
    rejects({ event_type: 'TRADE' }, 'event_type', /is not one of TRAD, NOVA/);
  });

  for (const action of ['NEWT', 'MODI', 'TERM']) {
    it(`requires event_type for ${action}`, () => {
      rejects({ action_type: action, event_type: '' }, 'event_type', `is required for action_type ${action}`);
    });
  }

  for (const action of ['CORR', 'EROR', 'VALU']) {
    it(`requires event_type to be empty for ${action}`, () => {
      assert.equal(record({ action_type: action, event_type: '' }).event_type, null);
      rejects({ action_type: action, event_type: 'TRAD' }, 'event_type', /^event_type: must be empty for action_type/);
    });
  }
});

describe('validateTrade: counterparties', () => {
  it('tells "not an LEI" from "check digits fail" for counterparty_1', () => {
    rejects({ counterparty_1: BAD_CHECK_LEI }, 'counterparty_1', 'LEI check digits fail (ISO 7064 MOD 97-10)');
    rejects({ counterparty_1: 'JPM' }, 'counterparty_1', /is not an LEI \(20 chars: 18 alphanumerics \+ 2 digits\)$/);
    rejects({ counterparty_1: `${JPMORGAN.slice(0, 18)}AB` }, 'counterparty_1', /is not an LEI/);
    rejects({ counterparty_1: JPMORGAN.toLowerCase() }, 'counterparty_1', /letters must be upper case/);
  });

  it('checks counterparty_2 as an LEI when its id type is LEI', () => {
    rejects({ counterparty_2: BAD_CHECK_LEI }, 'counterparty_2', 'LEI check digits fail (ISO 7064 MOD 97-10)');
    rejects({ counterparty_2: 'CLIENT-001' }, 'counterparty_2', /is not an LEI/);
  });

  it('checks counterparty_2 as a client code when its id type is CLIENT', () => {
    const r = record({ counterparty_2_id_type: 'CLIENT', counterparty_2: 'kr.Client_001-a' });
    assert.equal(r.counterparty_2, 'kr.Client_001-a');
    assert.equal(r.counterparty_2_id_type, 'CLIENT');
    rejects({ counterparty_2_id_type: 'CLIENT', counterparty_2: 'client 001' }, 'counterparty_2', /client code/);
    rejects({ counterparty_2_id_type: 'CLIENT', counterparty_2: 'C'.repeat(51) }, 'counterparty_2', /client code/);
    rejects({ counterparty_2_id_type: 'CLIENT', counterparty_2: '' }, 'counterparty_2', 'is required');
  });

  it('rejects an unknown counterparty_2_id_type', () => {
    rejects({ counterparty_2_id_type: 'BIC' }, 'counterparty_2_id_type', "'BIC' is not one of LEI, CLIENT");
  });
});

describe('validateTrade: product and asset_class', () => {
  it('rejects an unknown product or asset class', () => {
    rejects({ product: 'SWAPTION' }, 'product', /is not one of IRS, CCS, FX_SWAP, CDS, EQUITY_SWAP/);
    rejects({ asset_class: 'CO' }, 'asset_class', /is not one of IR, FX, CR, EQ/);
  });

  it('requires the asset class of the product', () => {
    rejects({ asset_class: 'FX' }, 'asset_class', 'FX does not match product IRS (expected IR)');
    record({ product: 'CDS', asset_class: 'CR', price: '101.5', fixed_rate_leg1: '' });
    record({ product: 'EQUITY_SWAP', asset_class: 'EQ', price: '71500', fixed_rate_leg1: '' });
  });
});

describe('validateTrade: notionals and currencies', () => {
  it('normalises notionals to a canonical decimal', () => {
    assert.equal(record({ notional_leg1: '0001500.50' }).notional_leg1, '1500.5');
    assert.equal(record({ notional_leg1: '1500.00000' }).notional_leg1, '1500');
    assert.equal(record({ notional_leg1: '0.00001' }).notional_leg1, '0.00001');
    assert.equal(record({ notional_leg1: '1000' }).notional_leg1, '1000');
    const max = `${'9'.repeat(20)}.99999`;
    assert.equal(record({ notional_leg1: max }).notional_leg1, max);
  });

  it('requires a number greater than 0', () => {
    rejects({ notional_leg1: '0' }, 'notional_leg1', 'must be a number greater than 0');
    rejects({ notional_leg1: '0.000' }, 'notional_leg1', 'must be a number greater than 0');
    rejects({ notional_leg1: '-5' }, 'notional_leg1', 'must be a number greater than 0');
    rejects({ notional_leg1: '' }, 'notional_leg1', 'is required');
  });

  it('accepts only a plain decimal: no sign, exponent, separators or bare point', () => {
    for (const bad of ['+5', '1e6', '1,000,000', '1 000', '.5', '5.', '1.2.3', 'abc', '0x10', 'Infinity']) {
      rejects({ notional_leg1: bad }, 'notional_leg1', /is not a plain decimal number/);
    }
  });

  it('fits numeric(25,5): at most 20 integer digits and 5 decimals', () => {
    rejects({ notional_leg1: '1'.repeat(21) }, 'notional_leg1', 'has more than 20 digits before the decimal point');
    rejects({ notional_leg1: '1.123456' }, 'notional_leg1', 'has more than 5 decimal places');
    assert.equal(record({ notional_leg1: `000${'1'.repeat(20)}.1234500` }).notional_leg1, `${'1'.repeat(20)}.12345`);
  });

  it('requires an active ISO 4217 currency in upper case', () => {
    rejects({ notional_currency_leg1: 'krw' }, 'notional_currency_leg1', /is not a currency code \(3 upper-case/);
    rejects({ notional_currency_leg1: 'KRWX' }, 'notional_currency_leg1', /is not a currency code/);
    rejects(
      { notional_currency_leg1: 'ABC' },
      'notional_currency_leg1',
      "'ABC' is not an active ISO 4217 currency code",
    );
    rejects({ notional_currency_leg1: 'HRK' }, 'notional_currency_leg1', /not an active ISO 4217/);
    rejects({ notional_currency_leg1: '' }, 'notional_currency_leg1', 'is required');
  });

  it('requires notional_leg2 and its currency for CCS and FX_SWAP', () => {
    const ccs = { product: 'CCS', notional_leg2: '7500000.00', notional_currency_leg2: 'USD' };
    const r = record(ccs);
    assert.equal(r.notional_leg2, '7500000');
    assert.equal(r.notional_currency_leg2, 'USD');
    record({ ...ccs, product: 'FX_SWAP', asset_class: 'FX', fixed_rate_leg1: '', price: '1385.25' });
    rejects({ ...ccs, notional_leg2: '' }, 'notional_leg2', 'is required for product CCS');
    rejects({ ...ccs, notional_currency_leg2: '' }, 'notional_currency_leg2', 'is required for product CCS');
    const list = reasons({ product: 'FX_SWAP', asset_class: 'FX' });
    assert.deepEqual(fieldsOf(list), ['notional_leg2', 'notional_currency_leg2']);
  });

  it('requires both halves of leg 2 when either is given', () => {
    assert.equal(record({ notional_leg2: '5', notional_currency_leg2: 'USD' }).notional_leg2, '5');
    rejects({ notional_leg2: '5' }, 'notional_currency_leg2', 'is required when notional_leg2 is given');
    rejects({ notional_currency_leg2: 'USD' }, 'notional_leg2', 'is required when notional_currency_leg2 is given');
  });

  it('validates leg 2 like leg 1', () => {
    rejects({ notional_leg2: '0', notional_currency_leg2: 'USD' }, 'notional_leg2', 'must be a number greater than 0');
    rejects({ notional_leg2: '5', notional_currency_leg2: 'XYZ' }, 'notional_currency_leg2', /ISO 4217/);
  });

  it('knows the current ISO 4217 list', () => {
    for (const code of ['KRW', 'USD', 'EUR', 'JPY', 'CNY', 'XCG', 'ZWG', 'SLE', 'VED', 'XAU', 'CLF']) {
      assert.equal(isIsoCurrency(code), true, code);
    }
    for (const code of ['HRK', 'ANG', 'CUC', 'SLL', 'ZWL', 'VEF', 'krw', 'KRWW', '']) {
      assert.equal(isIsoCurrency(code), false, code);
    }
    assert.ok(ISO_CURRENCIES.size > 170);
  });
});

describe('validateTrade: rates, spread, price and the floating index', () => {
  it('normalises signed decimals', () => {
    const r = record({ fixed_rate_leg1: '-001.2500', spread: '0.0015000', price: '-0.000' });
    assert.equal(r.fixed_rate_leg1, '-1.25');
    assert.equal(r.spread, '0.0015');
    assert.equal(r.price, '0');
    assert.equal(record({ spread: '-0.0000000001' }).spread, '-0.0000000001');
    assert.equal(record({ price: '123456789012345678' }).price, '123456789012345678');
  });

  it('rejects other forms, more than 10 decimals or 18 digits', () => {
    rejects({ spread: '+0.5' }, 'spread', /is not a decimal number/);
    rejects({ spread: '5e-3' }, 'spread', /is not a decimal number/);
    rejects({ spread: '--1' }, 'spread', /is not a decimal number/);
    rejects({ spread: '0.12345678901' }, 'spread', 'has more than 10 decimal places');
    rejects({ price: '1234567890.123456789' }, 'price', 'has more than 18 significant digits');
    rejects({ fixed_rate_leg1: '3,25' }, 'fixed_rate_leg1', /is not a decimal number/);
  });

  it('requires at least one of fixed_rate_leg1 and price', () => {
    rejects({ fixed_rate_leg1: '', price: '' }, 'fixed_rate_leg1', /at least one of fixed_rate_leg1 and price/);
    const r = record({ fixed_rate_leg1: '', price: '99.875' });
    assert.equal(r.fixed_rate_leg1, null);
    assert.equal(r.price, '99.875');
  });

  it('checks the floating index name', () => {
    assert.equal(record({ floating_index_leg2: 'USD-SOFR-OIS Compound' }).floating_index_leg2, 'USD-SOFR-OIS Compound');
    assert.equal(record({ floating_index_leg2: 'KRW CD 91D/3M_x.y' }).floating_index_leg2, 'KRW CD 91D/3M_x.y');
    rejects({ floating_index_leg2: 'KRW@CD' }, 'floating_index_leg2', /is not an index name/);
    rejects({ floating_index_leg2: 'A'.repeat(51) }, 'floating_index_leg2', /is not an index name/);
    assert.equal(record({ floating_index_leg2: '' }).floating_index_leg2, null);
  });
});

describe('validateTrade: execution_ts', () => {
  const ts = (execution_ts: string) => record({ execution_ts }).execution_ts;

  it('converts offsets to UTC, to the millisecond', () => {
    assert.equal(ts('2026-05-29T10:15:30+09:00'), '2026-05-29T01:15:30.000000Z');
    assert.equal(ts('2026-01-01T08:59:59.5+09:00'), '2025-12-31T23:59:59.500000Z');
    assert.equal(ts('2024-03-01T00:30:00+0900'), '2024-02-29T15:30:00.000000Z');
    assert.equal(ts('2026-05-29 10:15+09:00'), '2026-05-29T01:15:00.000000Z');
    assert.equal(ts('2026-05-28T20:00:00-05:00'), '2026-05-29T01:00:00.000000Z');
    assert.equal(ts('2026-05-29T01:15:30.123456789Z'), '2026-05-29T01:15:30.123000Z');
    assert.equal(ts('2026-05-29T01:15:30.123456Z'), '2026-05-29T01:15:30.123000Z');
    assert.equal(ts('2026-05-29T01:15:30.123000Z'), '2026-05-29T01:15:30.123000Z');
    // A JavaScript Date holds it exactly: what the database gives back matches the stored row.
    assert.equal(new Date(ts('2026-05-29T01:15:30.123456Z') as string).toISOString(), '2026-05-29T01:15:30.123Z');
    assert.equal(ts('2026-05-30T23:30:00-14:00'), '2026-05-31T13:30:00.000000Z');
    assert.equal(ts('2026-05-29T10:00:00+14:00'), '2026-05-28T20:00:00.000000Z');
  });

  it('says clearly when the offset is missing', () => {
    rejects({ execution_ts: '2026-05-29T10:15:30' }, 'execution_ts', /has no time-zone offset or Z/);
    rejects({ execution_ts: '2026-05-29 10:15' }, 'execution_ts', /has no time-zone offset or Z/);
  });

  it('requires a real calendar date and time of day', () => {
    rejects({ execution_ts: '2026-02-30T10:00:00+09:00' }, 'execution_ts', /is not a real calendar date/);
    rejects({ execution_ts: '2025-02-29T10:00:00Z' }, 'execution_ts', /is not a real calendar date/);
    assert.equal(ts('2024-02-29T10:00:00Z'), '2024-02-29T10:00:00.000000Z');
    rejects({ execution_ts: '2026-05-29T24:00:00Z' }, 'execution_ts', /is not a real time of day/);
    rejects({ execution_ts: '2026-05-29T10:60:00Z' }, 'execution_ts', /is not a real time of day/);
    rejects({ execution_ts: '2026-05-29T10:00:60Z' }, 'execution_ts', /is not a real time of day/);
  });

  it('accepts offsets up to ±14:00 only', () => {
    rejects({ execution_ts: '2026-05-29T10:00:00+14:01' }, 'execution_ts', /time-zone offset/);
    rejects({ execution_ts: '2026-05-29T10:00:00-15:00' }, 'execution_ts', /time-zone offset/);
    rejects({ execution_ts: '2026-05-29T10:00:00+09:60' }, 'execution_ts', /time-zone offset/);
  });

  it('rejects other forms', () => {
    for (const bad of [
      '2026-05-29',
      '2026/05/29T10:00:00Z',
      '2026-05-29T10:00:00z',
      '2026-05-29T10:00:00.Z',
      '2026-05-29T10:00:00.1234567890Z',
      '2026-05-29T10:00:00+9:00',
      '2026-05-29T10:00:00+09',
      '2026-05-29T10:00:00 +09:00',
      '20260529T100000Z',
      '1780000000000',
    ]) {
      rejects({ execution_ts: bad }, 'execution_ts', /is not an ISO 8601 timestamp/);
    }
  });

  it('allows five minutes of clock skew but not a future trade', () => {
    const now = Date.UTC(2026, 4, 29, 1, 0, 0);
    assert.equal(
      record({ execution_ts: '2026-05-29T10:04:59+09:00' }, now).execution_ts,
      '2026-05-29T01:04:59.000000Z',
    );
    record({ execution_ts: '2026-05-29T01:05:00Z' }, now);
    rejects({ execution_ts: '2026-05-29T01:05:00.001Z' }, 'execution_ts', /is in the future/, now);
    rejects({ execution_ts: '2026-05-30T00:00:00+09:00' }, 'execution_ts', /is in the future/, now);
  });
});

describe('validateTrade: effective and expiration dates', () => {
  it('requires YYYY-MM-DD', () => {
    rejects({ effective_date: '2026/06/02' }, 'effective_date', /is not a date in the form YYYY-MM-DD/);
    rejects({ effective_date: '2026-6-2' }, 'effective_date', /YYYY-MM-DD/);
    rejects({ expiration_date: '2031-06-02T00:00:00Z' }, 'expiration_date', /YYYY-MM-DD/);
  });

  it('requires real calendar dates', () => {
    rejects({ effective_date: '2026-02-30' }, 'effective_date', "'2026-02-30' is not a real calendar date");
    rejects({ expiration_date: '2031-13-01' }, 'expiration_date', /is not a real calendar date/);
    rejects({ effective_date: '0000-01-01' }, 'effective_date', /is not a real calendar date/);
    record({ effective_date: '2028-02-29' });
  });

  it('requires effective_date on or before expiration_date, naming expiration_date', () => {
    record({ effective_date: '2026-06-02', expiration_date: '2026-06-02' });
    rejects({ expiration_date: '2026-06-01' }, 'expiration_date', '2026-06-01 is before effective_date 2026-06-02');
  });
});

describe('validateTrade: clearing, venue and internal fields', () => {
  it('checks cleared', () => {
    rejects({ cleared: 'X' }, 'cleared', "'X' is not one of Y, N, I");
    rejects({ cleared: 'yes' }, 'cleared');
    assert.equal(record({ cleared: 'I' }).cleared, 'I');
  });

  it('requires a valid central counterparty when cleared = Y', () => {
    rejects({ central_counterparty: '' }, 'central_counterparty', 'is required when cleared is Y');
    rejects(
      { central_counterparty: BAD_CHECK_LEI },
      'central_counterparty',
      'LEI check digits fail (ISO 7064 MOD 97-10)',
    );
  });

  it('allows no central counterparty otherwise, but checks one that is given', () => {
    assert.equal(record({ cleared: 'N', central_counterparty: '' }).central_counterparty, null);
    assert.equal(record({ cleared: 'N', central_counterparty: LCH }).central_counterparty, LCH);
    rejects({ cleared: 'N', central_counterparty: 'LCH' }, 'central_counterparty', /is not an LEI/);
  });

  it('checks platform_id as a 4-character MIC', () => {
    assert.equal(record({ platform_id: 'XOFF' }).platform_id, 'XOFF');
    rejects({ platform_id: 'XKR' }, 'platform_id', /is not a venue MIC/);
    rejects({ platform_id: 'xkrx' }, 'platform_id', /is not a venue MIC/);
    rejects({ platform_id: 'XKRX1' }, 'platform_id', /is not a venue MIC/);
  });

  for (const field of ['desk', 'trader_id', 'source_system', 'source_trade_id'] as const) {
    it(`limits ${field} to 100 characters, counted as code points after trimming`, () => {
      assert.equal(record({ [field]: '가'.repeat(100) })[field], '가'.repeat(100));
      assert.equal(record({ [field]: `  ${'😀'.repeat(100)}  ` })[field], '😀'.repeat(100));
      rejects({ [field]: '가'.repeat(101) }, field, 'is 101 characters long; at most 100 are allowed');
    });
  }
});

describe('validateTrade: every reason at once', () => {
  it('collects a reason for each bad field, in column order', () => {
    const list = reasons({
      uti: 'x',
      counterparty_1: BAD_CHECK_LEI,
      asset_class: 'FX',
      notional_leg1: '0',
      notional_currency_leg1: 'won',
      execution_ts: '2026-05-29T10:15:30',
      expiration_date: '2020-01-01',
      cleared: 'Y',
      central_counterparty: '',
      desk: 'a\u0000',
    });
    assert.deepEqual(fieldsOf(list), [
      'uti',
      'uti',
      'counterparty_1',
      'asset_class',
      'notional_leg1',
      'notional_currency_leg1',
      'execution_ts',
      'expiration_date',
      'central_counterparty',
      'desk',
    ]);
    assert.ok(list.includes('counterparty_1: LEI check digits fail (ISO 7064 MOD 97-10)'));
    assert.ok(list.includes('notional_leg1: must be a number greater than 0'));
    assert.ok(list.includes('asset_class: FX does not match product IRS (expected IR)'));
  });

  it('does not mutate its input', () => {
    const row = { ...BASE, action_type: ' NEWT ' };
    const copy = { ...row };
    validateTrade(row, NOW);
    assert.deepEqual(row, copy);
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { generateTradeRows, type GeneratedRow } from '../../../client/generate';
import { buildMarket, rateAt } from '../../../client/generate/market-curve';
import { buildReferenceData } from '../../../client/generate/reference-data';
import { TEST_DATE, kstMsOfDay } from './read-generated';

const HOUR = 3_600_000;
const MARKET_OPEN = 9 * HOUR;
const MARKET_CLOSE = 15.5 * HOUR;
const ref = buildReferenceData();

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('generateTradeRows', () => {
  let generated: GeneratedRow[];
  const byLabel = (label: string) => generated.filter((g) => g.label === label).map((g) => g.row);

  before(() => {
    generated = [...generateTradeRows({ date: TEST_DATE, rows: 20_000, seed: 99, anomalyRate: 0.01 })];
  });

  it('is lazy and repeatable: the same config yields the same rows', () => {
    const again = [...generateTradeRows({ date: TEST_DATE, rows: 20_000, seed: 99, anomalyRate: 0.01 })];
    assert.deepEqual(again, generated);
  });

  it('writes rows in execution-time order, each UTI the bank LEI plus a unique suffix', () => {
    const times = generated.map((g) => kstMsOfDay(g.row.execution_ts));
    assert.ok(
      times.every((t, i) => i === 0 || t >= (times[i - 1] as number)),
      'ascending execution_ts',
    );
    const newUtis = generated.filter((g) => g.row.action_type === 'NEWT').map((g) => g.row.uti);
    assert.equal(new Set(newUtis).size, newUtis.length, 'one NEWT per UTI');
    assert.ok(generated.every((g) => g.row.uti.startsWith(ref.bank.lei) && g.row.uti.length <= 52));
  });

  it('refers lifecycle events (MODI, TERM) to trades created earlier in the file, never after a TERM', () => {
    const created = new Map<string, number>();
    const terminated = new Set<string>();
    let lifecycle = 0;
    for (const { row } of generated) {
      const ms = kstMsOfDay(row.execution_ts);
      if (row.action_type === 'NEWT') {
        created.set(row.uti, ms);
        continue;
      }
      lifecycle++;
      assert.ok(['MODI', 'TERM'].includes(row.action_type), row.action_type);
      const createdAt = created.get(row.uti);
      assert.ok(createdAt !== undefined, `${row.action_type} ${row.uti} refers to an earlier NEWT`);
      assert.ok(ms > createdAt, 'later execution_ts than the NEWT');
      assert.ok(!terminated.has(row.uti), 'no event after a termination');
      if (row.action_type === 'TERM') terminated.add(row.uti);
    }
    assert.ok(lifecycle > 200, `some lifecycle events (${lifecycle})`);
  });

  it('keeps normal trades inside KST market hours and outside-hours anomalies at night', () => {
    const normal = byLabel('normal').map((r) => kstMsOfDay(r.execution_ts));
    assert.ok(normal.every((t) => t >= MARKET_OPEN && t < MARKET_CLOSE));
    const night = byLabel('outside_market_hours').map((r) => kstMsOfDay(r.execution_ts));
    assert.ok(night.length > 0);
    assert.ok(night.every((t) => (t >= 2 * HOUR && t < 6 * HOUR) || (t >= 20 * HOUR && t < 23 * HOUR)));
    assert.ok(
      generated.every((g) => g.row.execution_ts.startsWith(TEST_DATE)),
      'all on the business date',
    );
  });

  it('has a realistic mix: IRS dominant, cleared IRS at a CCP, KRW notionals around 10bn', () => {
    const rows = byLabel('normal');
    const share = (product: string) => rows.filter((r) => r.product === product).length / rows.length;
    assert.ok(share('IRS') > 0.45 && share('FX_SWAP') > 0.1 && share('CCS') > 0.05);
    assert.ok(share('CDS') > 0.02 && share('EQUITY_SWAP') > 0.02);
    const irs = rows.filter((r) => r.product === 'IRS');
    assert.ok(irs.filter((r) => r.cleared === 'Y').length / irs.length > 0.6, 'most IRS cleared');
    assert.ok(
      irs.filter((r) => r.cleared === 'Y').every((r) => [ref.ccps.krx, ref.ccps.lch].includes(r.central_counterparty)),
    );
    const krw = irs
      .filter((r) => r.notional_currency_leg1 === 'KRW' && r.action_type === 'NEWT')
      .map((r) => Number(r.notional_leg1));
    const median = krw.sort((a, b) => a - b)[Math.floor(krw.length / 2)] as number;
    assert.ok(median >= 5e9 && median <= 20e9, `median KRW IRS notional ${median}`);
  });

  it('prices FX swaps with leg 2 = leg 1 × the forward rate', () => {
    for (const r of byLabel('normal').filter((row) => row.product === 'FX_SWAP')) {
      const forward = Number(r.price);
      assert.ok(forward > 1200 && forward < 1600, `forward ${forward}`);
      assert.equal(Number(r.notional_leg2), Math.round(Number(r.notional_leg1) * forward));
    }
  });

  it('injects fat fingers with 100× or more the usual notional', () => {
    const normalKrwIrs = byLabel('normal').filter((r) => r.product === 'IRS' && r.notional_currency_leg1 === 'KRW');
    const largestNormal = Math.max(...normalKrwIrs.map((r) => Number(r.notional_leg1)));
    const fat = byLabel('fat_finger_notional').filter((r) => r.product === 'IRS' && r.notional_currency_leg1 === 'KRW');
    assert.ok(
      fat.every((r) => Number(r.notional_leg1) >= 1e11),
      'at least KRW 100bn',
    );
    assert.ok(
      fat.some((r) => Number(r.notional_leg1) > largestNormal),
      'beyond any normal ticket',
    );
  });

  it('injects off-market rates 250bp or more away from the curve', () => {
    const market = buildMarket(TEST_DATE);
    const rows = byLabel('off_market_rate');
    assert.ok(rows.length > 0);
    for (const r of rows) {
      const days = (Date.parse(r.expiration_date) - Date.parse(r.effective_date)) / 86_400_000;
      const months = Math.round(days / 30.4375);
      const curve =
        r.product === 'CCS' ? market.krwCrs : r.notional_currency_leg1 === 'KRW' ? market.krwIrs : market.usdSofr;
      assert.ok(Math.abs(Number(r.fixed_rate_leg1) - rateAt(curve, months)) > 0.02, `${r.fixed_rate_leg1} vs curve`);
    }
  });

  it('injects inconsistent dates: effective months before execution, or expiration before execution', () => {
    const rows = byLabel('inconsistent_dates');
    assert.ok(rows.length > 0);
    const executed = Date.parse(TEST_DATE);
    for (const r of rows) {
      const effective = Date.parse(r.effective_date);
      assert.ok(effective <= Date.parse(r.expiration_date), 'still effective ≤ expiration');
      assert.ok(executed - effective > 50 * 86_400_000 || Date.parse(r.expiration_date) < executed);
    }
  });

  it('injects wash pairs: two rows with identical terms within minutes, swapped or self-dealing', () => {
    const rows = byLabel('wash_pair');
    assert.ok(rows.length >= 2 && rows.length % 2 === 0);
    const economics = (r: (typeof rows)[number]) =>
      [
        r.product,
        r.notional_leg1,
        r.notional_currency_leg1,
        r.fixed_rate_leg1,
        r.effective_date,
        r.expiration_date,
      ].join('|');
    const groups = groupBy(rows, economics);
    for (const [key, pair] of groups) {
      assert.equal(pair.length, 2, `pair ${key}`);
      const [first, second] = pair as [(typeof rows)[number], (typeof rows)[number]];
      assert.ok(kstMsOfDay(second.execution_ts) - kstMsOfDay(first.execution_ts) <= 5 * 60_000, 'within minutes');
      const swapped = first.counterparty_1 === second.counterparty_2 && first.counterparty_2 === second.counterparty_1;
      const self = first.counterparty_2 === ref.bank.lei && second.counterparty_2 === ref.bank.lei;
      assert.ok(swapped || self, 'counterparties swapped or the bank on both sides');
    }
  });

  it('injects counterparty bursts: one normally quiet counterparty, 20 to 40 trades within minutes', () => {
    const rows = byLabel('counterparty_burst');
    const quiet = new Set(ref.quiet.map((cp) => cp.id));
    assert.ok(rows.length >= 20);
    for (const [counterparty, burst] of groupBy(rows, (r) => r.counterparty_2)) {
      assert.ok(quiet.has(counterparty), 'a quiet counterparty');
      assert.ok(burst.length >= 20 && burst.length <= 40, `burst size ${burst.length}`);
      const times = burst.map((r) => kstMsOfDay(r.execution_ts));
      assert.ok(Math.max(...times) - Math.min(...times) <= 10 * 60_000, 'within minutes');
      const normalTrades = byLabel('normal').filter((r) => r.counterparty_2 === counterparty).length;
      assert.ok(normalTrades < 5, `quiet otherwise (${normalTrades} normal trades)`);
    }
  });
});

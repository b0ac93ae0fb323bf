import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTenorMatcher } from '../../../../activities/models/features/standard-tenors';
import {
  dayNumberOf,
  kstDayOf,
  kstMinuteOfDay,
  minutesOutsideMarket,
  nextImmTwentieth,
} from '../../../../activities/models/features/trade-calendar';

const kst = (text: string) => Date.parse(`${text}+09:00`);

describe('KST clock for features', () => {
  it('puts 23:30 UTC on the next KST date', () => {
    const instant = Date.parse('2026-11-19T23:30:00Z');
    assert.equal(kstDayOf(instant), dayNumberOf('2026-11-20'));
    assert.equal(kstMinuteOfDay(instant), 8 * 60 + 30);
  });

  it('refuses dates that are not YYYY-MM-DD', () => {
    assert.throws(() => dayNumberOf('20261120'), /not a YYYY-MM-DD date/);
  });
});

describe('minutesOutsideMarket (09:00–15:30 KST, weekdays)', () => {
  const cases: readonly [string, number][] = [
    ['2026-11-20T09:00:00', 0],
    ['2026-11-20T15:29:59', 0],
    ['2026-11-20T15:30:00', 0],
    ['2026-11-20T15:45:00', 15],
    ['2026-11-20T08:00:00', 60],
    ['2026-11-20T02:00:00', 7 * 60],
    ['2026-11-20T22:00:00', 6 * 60 + 30],
    // Saturday noon: 20.5 hours after Friday's close, nearer than Monday's open.
    ['2026-11-21T12:00:00', 20 * 60 + 30],
    // Sunday 23:00: ten hours before Monday's open.
    ['2026-11-22T23:00:00', 10 * 60],
  ];
  for (const [time, minutes] of cases) {
    it(`${time} KST is ${minutes} minutes outside`, () => {
      assert.equal(minutesOutsideMarket(kst(time)), minutes);
    });
  }
});

describe('nearest standard tenor', () => {
  const match = createTenorMatcher();
  const day = dayNumberOf;

  it('matches a 5-year IRS rolled to the following weekday with a 1-day gap', () => {
    assert.deepEqual(match('IRS', day('2026-11-23'), day('2031-11-24')), { label: '5Y', gapDays: 1 });
  });

  it('rolls CDS maturities to the next IMM twentieth', () => {
    assert.equal(nextImmTwentieth(day('2031-11-24')), day('2031-12-20'));
    assert.equal(nextImmTwentieth(day('2031-12-21')), day('2032-03-20'));
    assert.deepEqual(match('CDS', day('2026-11-23'), day('2031-12-20')), { label: '5Y', gapDays: 0 });
    // The same dates on an IRS are almost a month off its standard tenor (5Y falls on 2031-11-23).
    assert.equal(match('IRS', day('2026-11-23'), day('2031-12-20')).gapDays, 27);
  });

  it('knows weekly FX tenors and month-end clamping', () => {
    assert.deepEqual(match('FX_SWAP', day('2026-11-24'), day('2026-12-01')), { label: '1W', gapDays: 0 });
    assert.deepEqual(match('IRS', day('2027-01-31'), day('2027-02-28')), { label: '1M', gapDays: 0 });
  });

  it('measures an odd broken date by its distance to the nearest tenor', () => {
    assert.deepEqual(match('IRS', day('2026-11-23'), day('2028-05-08')), { label: '18M', gapDays: 15 });
  });
});

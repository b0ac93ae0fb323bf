import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isBusinessDay, koreanHolidays } from '../../../schemas/calendar/korean-holidays';
import {
  cumulativeChain,
  dailyCutoff,
  dailyReportPeriod,
  kstDate,
  periodDates,
  periodInstants,
  quarterEndedBefore,
  sourcePeriods,
} from '../../../schemas/reports/report-periods';

const holidays2026 = [...koreanHolidays(2026).keys()];

it('koreanHolidays: the gazette holidays plus our closures, and no silent empty year', () => {
  const h2026 = koreanHolidays(2026);
  assert.ok(h2026.get('2026-09-25')?.includes('추석'));
  assert.ok(h2026.has('2026-10-05'), 'substitute holiday');
  assert.ok(h2026.has('2026-12-31'), 'year-end market closure');
  assert.ok(koreanHolidays(2025).has('2025-05-01'), 'Labour Day closure before 2026');
  assert.throws(() => koreanHolidays(2035), /no Korean holiday data for 2035/);
});

it('isBusinessDay: weekdays that are not holidays', () => {
  const h = koreanHolidays(2026);
  assert.equal(isBusinessDay('2026-10-02', h), true);
  assert.equal(isBusinessDay('2026-10-03', h), false, 'Saturday');
  assert.equal(isBusinessDay('2026-10-05', h), false, 'substitute holiday');
  assert.equal(isBusinessDay('2026-10-09', h), false, '한글날');
});

it('kstDate and the 05:00 KST cut-off', () => {
  assert.equal(kstDate(Date.parse('2026-11-19T20:00:00Z')), '2026-11-20');
  assert.equal(kstDate(Date.parse('2026-11-19T14:59:59Z')), '2026-11-19');
  assert.equal(dailyCutoff('2026-11-20').toISOString(), '2026-11-19T20:00:00.000Z');
});

it('dailyReportPeriod: previous business day cut-off to this one; Monday covers the weekend, a holiday is covered after', () => {
  const tuesday = dailyReportPeriod('2026-11-24', holidays2026);
  assert.equal(tuesday.start.toISOString(), '2026-11-22T20:00:00.000Z');
  assert.equal(tuesday.end.toISOString(), '2026-11-23T20:00:00.000Z');
  const monday = dailyReportPeriod('2026-11-23', holidays2026);
  assert.equal(monday.start.toISOString(), '2026-11-19T20:00:00.000Z', 'from Friday 05:00 KST');
  const afterHolidays = dailyReportPeriod('2026-10-06', holidays2026);
  assert.equal(afterHolidays.start.toISOString(), '2026-10-01T20:00:00.000Z', 'Fri 10-02 05:00 KST, over 10-05');
  const afterChuseok = dailyReportPeriod('2026-09-28', holidays2026);
  assert.equal(afterChuseok.start.toISOString(), '2026-09-22T20:00:00.000Z', 'Wed 09-23, over Chuseok 24–26');
});

it('cumulative periods: quarter before a date, KST bounds, chain order and sources', () => {
  assert.equal(quarterEndedBefore('2027-01-01'), '2026-Q4');
  assert.equal(quarterEndedBefore('2026-07-01'), '2026-Q2');
  assert.deepEqual(periodDates('2026-Q4'), { from: '2026-10-01', to: '2027-01-01' });
  assert.deepEqual(periodDates('2026-H1'), { from: '2026-01-01', to: '2026-07-01' });
  assert.deepEqual(periodDates('2026-Y'), { from: '2026-01-01', to: '2027-01-01' });
  assert.equal(periodInstants('2026-Q1').start.toISOString(), '2025-12-31T15:00:00.000Z');
  assert.deepEqual(cumulativeChain('2026-Q1'), ['2026-Q1']);
  assert.deepEqual(cumulativeChain('2026-Q2'), ['2026-Q2', '2026-H1']);
  assert.deepEqual(cumulativeChain('2026-Q4'), ['2026-Q4', '2026-H2', '2026-Y']);
  assert.deepEqual(sourcePeriods('2026-H2'), ['2026-Q3', '2026-Q4']);
  assert.deepEqual(sourcePeriods('2026-Y'), ['2026-H1', '2026-H2']);
  assert.deepEqual(sourcePeriods('2026-Q3'), []);
  assert.throws(() => periodDates('2026-Q5'));
});

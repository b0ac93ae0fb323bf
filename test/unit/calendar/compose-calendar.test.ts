import assert from 'node:assert/strict';
import { it } from 'node:test';
import { bankClosuresOf, composeBusinessCalendar } from '../../../schemas/calendar/compose-calendar';

it('adds 31 December every year and 1 May only before 2026', () => {
  assert.deepEqual(
    bankClosuresOf(2025).map((c) => c.date),
    ['2025-12-31', '2025-05-01'],
  );
  assert.deepEqual(
    bankClosuresOf(2026).map((c) => c.date),
    ['2026-12-31'],
  );
});

it('marks a year without a preset as missing, even though our fixed closures fall in it', () => {
  const calendar = composeBusinessCalendar({
    fromYear: 2027,
    toYear: 2028,
    presets: new Map([
      [2027, { '2027-01-01': ['1월 1일'] }],
      [2028, undefined],
    ]),
    closures: [],
  });
  assert.deepEqual(calendar.missingYears, [2028]);
  assert.ok('2028-12-31' in calendar.closed);
});

it('counts a year as covered when operators entered its holidays, and merges ad-hoc closures', () => {
  const calendar = composeBusinessCalendar({
    fromYear: 2028,
    toYear: 2028,
    presets: new Map([[2028, undefined]]),
    closures: [
      { date: '2028-01-01', reason: '1월 1일', kind: 'holiday' },
      { date: '2028-03-15', reason: 'system outage', kind: 'closure' },
      { date: '2029-01-02', reason: 'out of range', kind: 'closure' },
    ],
  });
  assert.deepEqual(calendar.missingYears, []);
  assert.equal(calendar.closed['2028-03-15'], 'system outage');
  assert.equal(calendar.closed['2029-01-02'], undefined);
});

it('joins the reasons of a day closed twice', () => {
  const calendar = composeBusinessCalendar({
    fromYear: 2026,
    toYear: 2026,
    presets: new Map([[2026, { '2026-12-25': ['기독탄신일'] }]]),
    closures: [{ date: '2026-12-31', reason: 'extra', kind: 'closure' }],
  });
  assert.match(calendar.closed['2026-12-31'] ?? '', /year-end closure.*; extra/);
});

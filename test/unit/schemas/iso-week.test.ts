import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isoWeekContaining, isoWeekRange, parseIsoWeek, trainingWeekFor } from '../../../schemas/calendar/iso-week';

it('names ISO weeks across year boundaries', () => {
  const cases: [string, string][] = [
    ['2026-11-22T00:00:00Z', '2026-W47'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
  ];
  for (const [instant, week] of cases) assert.equal(isoWeekContaining(Date.parse(instant), 0), week, instant);
});

it('gives a KST week as Monday 00:00 KST to the next Monday, in UTC', () => {
  const range = isoWeekRange('2026-W47', 540);
  assert.equal(new Date(range.fromMs).toISOString(), '2026-11-15T15:00:00.000Z');
  assert.equal(new Date(range.toMs).toISOString(), '2026-11-22T15:00:00.000Z');
});

it('trains the Saturday 02:00 KST run on the week that has just ended', () => {
  assert.equal(trainingWeekFor(Date.parse('2026-11-21T02:00:00+09:00'), 540), '2026-W47');
});

it('refuses a week that does not exist', () => {
  assert.throws(() => parseIsoWeek('2026-W54'), /has no week 54/);
  assert.throws(() => parseIsoWeek('2026-47'), /not an ISO week/);
});

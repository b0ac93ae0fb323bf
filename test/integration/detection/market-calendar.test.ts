import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { addCalendarClosure } from '../../../activities/calendar/read-business-calendar';
import { MarketCalendarHolder } from '../../../activities/detection/rules/market-calendar';
import { dayNumberOf } from '../../../activities/models/features/trade-calendar';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

// The closed days the market-hours rule judges with: the holiday package and calendar_closures, re-read per poll.
let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('market_calendar');
});
after(() => database.drop());

it('holds the public holidays and closures of the years a range touches, and re-reads them after pollMs', async () => {
  let now = 0;
  const holder = new MarketCalendarHolder(database.db.kysely, 60_000, () => now);
  const autumn = await holder.closedDays(
    Date.parse('2026-09-01T00:00:00+09:00'),
    Date.parse('2026-09-30T00:00:00+09:00'),
  );
  assert.match(autumn.get(dayNumberOf('2026-09-25')) ?? '', /추석/);
  assert.equal(autumn.has(dayNumberOf('2026-09-22')), false);

  await addCalendarClosure(database.db.kysely, {
    date: '2026-11-23',
    reason: 'system migration',
    kind: 'closure',
    createdBy: 'test',
  });
  const range = [Date.parse('2026-11-23T10:00:00+09:00'), Date.parse('2026-11-23T11:00:00+09:00')] as const;
  assert.equal((await holder.closedDays(...range)).has(dayNumberOf('2026-11-23')), false, 'remembered until pollMs');
  now += 60_000;
  assert.equal((await holder.closedDays(...range)).get(dayNumberOf('2026-11-23')), 'system migration');

  // A range across New Year holds both years' days.
  const turn = await holder.closedDays(
    Date.parse('2026-12-31T10:00:00+09:00'),
    Date.parse('2027-01-01T10:00:00+09:00'),
  );
  assert.ok(turn.has(dayNumberOf('2026-12-31')) && turn.has(dayNumberOf('2027-01-01')));
});

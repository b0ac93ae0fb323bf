import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  addBusinessHours,
  CalendarGapError,
  isBusinessDay,
  isInAlertWindow,
  nextWindowOpening,
  type BusinessCalendar,
} from '../../../schemas/calendar/business-calendar';
import { kst, realCalendar, showKst } from '../../support/calendar-fixture';

let cal: BusinessCalendar;
before(async () => {
  cal = await realCalendar(2024, 2027);
});

describe('isBusinessDay', () => {
  it('is Monday to Friday only', () => {
    assert.equal(isBusinessDay('2026-11-27', cal), true); // Friday
    assert.equal(isBusinessDay('2026-11-28', cal), false); // Saturday
    assert.equal(isBusinessDay('2026-11-29', cal), false); // Sunday
    assert.equal(isBusinessDay('2026-11-30', cal), true); // Monday
  });

  it('closes on Chuseok 2026 and on Seollal 2026', () => {
    for (const date of ['2026-09-24', '2026-09-25']) assert.equal(isBusinessDay(date, cal), false, date);
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18']) assert.equal(isBusinessDay(date, cal), false, date);
    assert.equal(isBusinessDay('2026-09-23', cal), true);
    assert.equal(isBusinessDay('2026-02-19', cal), true);
  });

  it('closes on substitute holidays', () => {
    assert.equal(isBusinessDay('2026-03-02', cal), false); // for 3·1절 on a Sunday
    assert.equal(isBusinessDay('2026-10-05', cal), false); // for 개천절 on a Saturday
    assert.equal(isBusinessDay('2025-05-06', cal), false); // for 어린이날 / 부처님 오신 날 on one day
  });

  it('closes on 31 December every year, and on 1 May before 2026 as well as after', () => {
    assert.equal(isBusinessDay('2026-12-31', cal), false);
    assert.equal(isBusinessDay('2024-12-31', cal), false);
    assert.equal(isBusinessDay('2025-05-01', cal), false); // bank closure (Workers' Day)
    assert.equal(isBusinessDay('2024-05-01', cal), false);
    assert.equal(isBusinessDay('2026-05-01', cal), false); // a public holiday from 2026
    assert.match(cal.closed['2025-05-01'] ?? '', /Workers/);
  });

  it('refuses to judge a year without data instead of calling it a business day', () => {
    assert.throws(() => isBusinessDay('2028-01-04', cal), CalendarGapError);
    const gap: BusinessCalendar = { ...cal, missingYears: [2027] };
    assert.throws(
      () => isBusinessDay('2027-03-03', gap),
      (e: unknown) => e instanceof CalendarGapError && e.year === 2027,
    );
  });
});

describe('isInAlertWindow', () => {
  it('is [09:00, 15:00) KST', () => {
    const open = kst('2026-11-27 09:00');
    assert.equal(isInAlertWindow(open - 1, cal), false);
    assert.equal(isInAlertWindow(open, cal), true);
    assert.equal(isInAlertWindow(kst('2026-11-27 15:00') - 1, cal), true);
    assert.equal(isInAlertWindow(kst('2026-11-27 15:00'), cal), false);
  });

  it('is closed all day on weekends and holidays', () => {
    assert.equal(isInAlertWindow(kst('2026-11-28 10:00'), cal), false);
    assert.equal(isInAlertWindow(kst('2026-09-24 10:00'), cal), false);
  });
});

describe('nextWindowOpening', () => {
  const cases: [string, string, string][] = [
    ['inside the window: at once', '2026-11-27 10:00', '2026-11-27 10:00'],
    ['before 09:00 on a business day: that morning', '2026-11-26 07:30', '2026-11-26 09:00'],
    ['Friday 16:00: Monday 09:00', '2026-11-27 16:00', '2026-11-30 09:00'],
    ['Friday 15:00 sharp: Monday 09:00', '2026-11-27 15:00', '2026-11-30 09:00'],
    ['eve of Chuseok 2026: after the holidays and the weekend', '2026-09-23 16:00', '2026-09-28 09:00'],
    ['before Seollal 2026: the Thursday after', '2026-02-13 16:00', '2026-02-19 09:00'],
    ['before a substitute holiday: the Tuesday', '2026-02-27 15:30', '2026-03-03 09:00'],
    ['30 December: past 31 December, New Year and the weekend', '2026-12-30 15:30', '2027-01-04 09:00'],
    ['before 1 May 2025: past it', '2025-04-30 18:00', '2025-05-02 09:00'],
    ['Chuseok with its substitute 2025', '2025-10-02 16:00', '2025-10-10 09:00'],
  ];
  for (const [name, from, expected] of cases) {
    it(name, () => assert.equal(showKst(nextWindowOpening(kst(from), cal)), expected));
  }

  it('stops at a year without data', () => {
    const gap: BusinessCalendar = { ...cal, missingYears: [2027] };
    assert.throws(() => nextWindowOpening(kst('2026-12-30 16:00'), gap), CalendarGapError);
  });
});

describe('addBusinessHours', () => {
  const cases: [string, string, number, string][] = [
    ['10:00 + 2 h on a business day is 12:00', '2026-11-26 10:00', 2, '2026-11-26 12:00'],
    ['Friday 14:00 + 2 h is Monday 10:00', '2026-11-27 14:00', 2, '2026-11-30 10:00'],
    ['13:00 + 2 h ends on the close, so the next opening', '2026-11-26 13:00', 2, '2026-11-27 09:00'],
    ['counting starts at the next opening when outside', '2026-11-28 12:00', 2, '2026-11-30 11:00'],
    ['14:30 on the eve of Chuseok + 2 h', '2026-09-23 14:30', 2, '2026-09-28 10:30'],
    ['a whole window is six hours', '2026-11-26 09:00', 6, '2026-11-27 09:00'],
  ];
  for (const [name, from, hours, expected] of cases) {
    it(name, () => assert.equal(showKst(addBusinessHours(kst(from), hours, cal)), expected));
  }
});

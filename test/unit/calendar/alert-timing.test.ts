import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { formatAmount } from '../../../activities/mail/anomaly-mail-content';
import { escalationDue, sendTiming } from '../../../schemas/calendar/alert-timing';
import type { BusinessCalendar } from '../../../schemas/calendar/business-calendar';
import { kst, realCalendar, showKst } from '../../support/calendar-fixture';

let cal: BusinessCalendar;
before(async () => {
  cal = await realCalendar(2026, 2027);
});

it('sends inside the window until its close', () => {
  const timing = sendTiming(kst('2026-11-26 10:00'), cal);
  assert.equal(timing.kind, 'send');
  assert.equal(timing.kind === 'send' && showKst(timing.windowClosesAt), '2026-11-26 15:00');
});

it('waits for the next opening outside it', () => {
  const timing = sendTiming(kst('2026-11-27 16:00'), cal);
  assert.equal(timing.kind === 'wait' && showKst(timing.until), '2026-11-30 09:00');
});

it('reports a year without data as a gap instead of guessing', () => {
  assert.deepEqual(sendTiming(kst('2027-12-30 16:00'), { ...cal, missingYears: [2027] }), { kind: 'gap', year: 2027 });
  assert.deepEqual(escalationDue(kst('2027-12-30 14:00'), cal), { kind: 'gap', year: 2028 });
});

it('escalates 2 business hours after the alert', () => {
  const due = escalationDue(kst('2026-11-26 10:00'), cal);
  assert.equal(due.kind === 'at' && showKst(due.at), '2026-11-26 12:00');
  const friday = escalationDue(kst('2026-11-27 14:00'), cal);
  assert.equal(friday.kind === 'at' && showKst(friday.at), '2026-11-30 10:00');
});

it('formats amounts exactly, with thousands separators', () => {
  assert.equal(formatAmount('10000000000.00000'), '10,000,000,000');
  assert.equal(formatAmount('1234.50000'), '1,234.5');
  assert.equal(formatAmount('0.00100'), '0.001');
  assert.equal(formatAmount(null), '-');
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { KeyInterner } from '../../../../activities/models/features/key-interner';

it('gives the joined parts, for parts however they were built', () => {
  const keys = new KeyInterner('|', 100);
  const first = keys.key5('IRS', 'KRW', '', '5Y', 'fixed_rate_leg1');
  assert.equal(first, 'IRS|KRW||5Y|fixed_rate_leg1');
  // Parts made afresh (as a parsed row's are) find the same key (string identity itself is not observable).
  assert.equal(keys.key5(['I', 'R', 'S'].join(''), 'KR' + 'W', '', '5' + 'Y', 'fixed_rate_leg1'), first);
  assert.notEqual(keys.key5('IRS', 'KRW', '', '10Y', 'fixed_rate_leg1'), first);
  const days = new KeyInterner('#', 100);
  assert.equal(days.key2(20_775, first), `20775#${first}`);
  assert.notEqual(days.key2(20_776, first), days.key2(20_775, first));
});

it('empties itself at its limit and keeps answering by value', () => {
  const keys = new KeyInterner('#', 3);
  const answers = Array.from({ length: 10 }, (_, i) => keys.key2(i, 'bucket'));
  assert.deepEqual(
    answers,
    Array.from({ length: 10 }, (_, i) => `${i}#bucket`),
  );
  assert.equal(keys.key2(9, 'bucket'), '9#bucket');
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRng } from '../../../../activities/models/data';
import { firstAtLeastFrom, SortedTimes } from '../../../../activities/models/features/sorted-times';

function naiveCount(times: readonly number[], t: number, w: number): number {
  return times.filter((x) => x >= t - w && x <= t + w).length;
}

it('counts the times within ±w like a scan, for queries in time order and in any order, with ties', () => {
  const rng = createRng(5);
  // Whole seconds over an hour: many equal times, so the inclusive bounds are exercised.
  const times = Array.from({ length: 2_000 }, () => Math.floor(rng.next() * 3_600) * 1_000);
  const sorted = new SortedTimes(times);
  const queries = [...times].sort((a, b) => a - b);
  const shuffled = times.map((t) => t + Math.floor(rng.next() * 5) * 250);
  for (const [order, list] of [
    ['ascending', queries],
    ['any', shuffled],
  ] as const) {
    for (const t of list) {
      for (const w of [0, 1_000, 60_000, 600_000]) {
        assert.equal(sorted.countWithin(t, w), naiveCount(times, t, w), `${order} order, t ${t}, w ${w}`);
      }
    }
  }
  assert.equal(new SortedTimes([]).countWithin(0, 1_000), 0);
});

it('finds the first value at least (or above) x from any starting point', () => {
  const values = Float64Array.of(1, 2, 2, 2, 5, 8, 8, 13);
  for (let from = -1; from <= values.length + 1; from++) {
    for (const x of [0, 1, 2, 3, 5, 8, 9, 13, 14]) {
      const atLeast = values.findIndex((v) => v >= x);
      const above = values.findIndex((v) => v > x);
      assert.equal(
        firstAtLeastFrom(values, x, false, from),
        atLeast < 0 ? values.length : atLeast,
        `≥ ${x} from ${from}`,
      );
      assert.equal(firstAtLeastFrom(values, x, true, from), above < 0 ? values.length : above, `> ${x} from ${from}`);
    }
  }
});

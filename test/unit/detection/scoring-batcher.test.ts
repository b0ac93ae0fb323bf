import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ScoringBatcher } from '../../../client/api/intake/scoring-batcher';

type Item = { eventKey: string };
const items = (...keys: string[]): Item[] => keys.map((eventKey) => ({ eventKey }));

it('runs a lone request at once and batches the requests that arrive meanwhile, first poster owning a key', async () => {
  const runs: string[][] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const batcher = new ScoringBatcher<Item, number>(async (batch) => {
    runs.push(batch.map((i) => i.eventKey));
    if (runs.length === 1) await gate;
    return runs.length;
  });
  const first = batcher.submit(items('a'));
  const second = batcher.submit(items('b', 'c'));
  const third = batcher.submit(items('c', 'd'));
  release();
  const [r1, r2, r3] = await Promise.all([first, second, third]);
  assert.deepEqual(runs, [['a'], ['b', 'c', 'd']]);
  assert.equal(r1.result, 1);
  assert.equal(r2.result, 2);
  assert.equal(r3.result, 2);
  assert.deepEqual([...r2.owned], ['b', 'c']);
  assert.deepEqual([...r3.owned], ['d']);
});

it('rejects every request of a failed batch and keeps serving the next', async () => {
  let fail = true;
  const batcher = new ScoringBatcher<Item, string>(async () => {
    if (fail) throw new Error('database down');
    return 'ok';
  });
  await assert.rejects(batcher.submit(items('a')), /database down/);
  fail = false;
  assert.equal((await batcher.submit(items('a'))).result, 'ok');
});

it('never takes more waiting items into a batch than its limit', async () => {
  const sizes: number[] = [];
  const batcher = new ScoringBatcher<Item, null>(async (batch) => {
    sizes.push(batch.length);
    await new Promise((r) => setTimeout(r, 5));
    return null;
  }, 3);
  await Promise.all([
    batcher.submit(items('a')),
    batcher.submit(items('b', 'c')),
    batcher.submit(items('d', 'e')),
    batcher.submit(items('f')),
  ]);
  assert.deepEqual(sizes, [1, 2, 3]);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEGMENT_BYTES, SegmentPool, segmentBuffers } from '../../../activities/ingest/segment-pool';
import { SegmentWriter } from '../../../activities/ingest/segment-writer';

describe('SegmentPool', () => {
  it('hands back whole segment buffers, and a writer fills them again from the start', () => {
    const first = new SegmentWriter();
    for (let i = 0; i < 20_000; i++) first.write(`${'x'.repeat(60)}\n`);
    const segments = first.finish();
    const buffers = segmentBuffers(segments);
    assert.equal(buffers.length, 2);

    const pool = new SegmentPool();
    pool.give(buffers);
    const second = new SegmentWriter(pool);
    second.write('hello\n');
    const [reused] = second.finish();
    assert.ok(reused && buffers.includes(reused.buffer as ArrayBuffer), 'the segment reuses a pooled buffer');
    assert.equal(reused.byteOffset, 0);
    assert.equal(reused.toString('utf8'), 'hello\n');
  });

  it('keeps only buffers of a whole segment', () => {
    const pool = new SegmentPool();
    pool.give([new ArrayBuffer(100), new ArrayBuffer(SEGMENT_BYTES * 2)]);
    assert.equal(pool.take(), undefined);
    const big = new SegmentWriter();
    big.write('x'.repeat(SEGMENT_BYTES * 2));
    assert.deepEqual(segmentBuffers(big.finish()), []);
  });
});

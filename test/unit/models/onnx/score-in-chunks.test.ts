import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphBuilder, openOnnxSession, scoreInChunks } from '../../../../activities/models/onnx/index';

describe('scoreInChunks', () => {
  it('scores every row across chunks and reports progress after each', async () => {
    const g = new GraphBuilder('rowsum').input('X', [null, 2]);
    g.initializer('axes', new BigInt64Array([1n]), [1]);
    g.node('ReduceSum', ['X', 'axes'], ['S'], { keepdims: 1 }).output('S', [null, 1]);
    const session = await openOnnxSession(g.toModel({ opsets: { '': 17 } }));
    try {
      const x = Float32Array.from({ length: 20 }, (_, i) => i); // rows (0,1), (2,3), …
      const progress: number[] = [];
      const out = await scoreInChunks(session, x, 2, { chunkRows: 3, onChunk: (done) => void progress.push(done) });
      assert.deepEqual(
        [...out],
        Array.from({ length: 10 }, (_, r) => 4 * r + 1),
      );
      assert.deepEqual(progress, [3, 6, 9, 10]);
      await assert.rejects(scoreInChunks(session, x, 3), /not a multiple/);
    } finally {
      await session.release();
    }
  });
});

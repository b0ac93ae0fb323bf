import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMatrix, createRng } from '../../../../activities/models/data/index';
import { IsolationForest } from '../../../../activities/models/iforest/index';
import { openOnnxSession, runOnnx, scoreInChunks } from '../../../../activities/models/onnx/index';
import { gaussianRows } from './fixtures';

/** 10k rows: Gaussian, a tail of outliers, and rows copied onto split thresholds where BRANCH_LT decides. */
function probeRows(forest: IsolationForest, cols: number): Float32Array {
  const base = gaussianRows(10_000, cols, 99);
  const x = Float32Array.from(base.data);
  const rng = createRng(5);
  for (let r = 9_000; r < 10_000; r++) x[r * cols + rng.int(cols)]! *= 6;
  const splits = [...forest.feature.keys()].filter((i) => forest.feature[i]! >= 0);
  for (let r = 0; r < 2_000; r++) {
    const node = splits[rng.int(splits.length)]!;
    x[r * cols + forest.feature[node]!] = forest.threshold[node]!;
  }
  return x;
}

describe('Isolation Forest ONNX export', () => {
  it('scores 10k rows in onnxruntime as the TypeScript scorer does (within 1e-5)', async () => {
    const cols = 8;
    const forest = IsolationForest.fit(gaussianRows(5_000, cols, 1), { seed: 21 });
    const x = probeRows(forest, cols);
    const expected = forest.score(x);
    const session = await openOnnxSession(forest.toOnnx());
    try {
      assert.deepEqual(session.inputNames, ['X']);
      assert.deepEqual(session.outputNames, ['score']);
      const actual = await scoreInChunks(session, x, cols, { chunkRows: 4096 });
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
      assert.ok(worst <= 1e-5, `max |onnx − ts| = ${worst}`);
    } finally {
      await session.release();
    }
  });

  it('returns [N, 1] scores and honours custom names and metadata', async () => {
    const forest = IsolationForest.fit(createMatrix(4, 1, Float64Array.from([0, 1, 2, 10])), { seed: 1, nTrees: 5 });
    const model = forest.toOnnx({ inputName: 'features', outputName: 'if_score', metadata: { model: 'iforest' } });
    const out = await runOnnx(model, { features: { data: Float32Array.from([0, 10]), dims: [2, 1] } });
    assert.deepEqual(out['if_score']!.dims, [2, 1]);
    const ts = forest.score(Float32Array.from([0, 10]));
    const onnx = out['if_score']!.data as Float32Array;
    assert.ok(Math.abs(onnx[0]! - ts[0]!) < 1e-6 && Math.abs(onnx[1]! - ts[1]!) < 1e-6);
  });
});

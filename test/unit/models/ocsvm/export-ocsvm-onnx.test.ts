import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMatrix, createRng, type Matrix } from '../../../../activities/models/data';
import { anomalyScores, exportOneClassSvmOnnx, fitOneClassSvm } from '../../../../activities/models/ocsvm';
import type { OneClassSvmModel } from '../../../../activities/models/ocsvm';
import { openOnnxSession, scoreInChunks } from '../../../../activities/models/onnx';

/** Rows in [0, 1]-ish like MinMax-scaled features: two clusters, and a share drawn wider to reach outside. */
function scaledRows(count: number, width: number, seed: number, wideShare: number): Matrix {
  const rng = createRng(seed);
  const data = new Float64Array(count * width);
  for (let r = 0; r < count; r++) {
    const centre = rng.next() < 0.6 ? 0.3 : 0.7;
    const spread = rng.next() < wideShare ? 0.35 : 0.08;
    for (let c = 0; c < width; c++) data[r * width + c] = centre + spread * rng.normal();
  }
  return createMatrix(count, width, data);
}

/** ONNX scores and the float64 TypeScript scores of the same float32-rounded inputs. */
async function bothScores(model: OneClassSvmModel, x: Matrix): Promise<{ onnx: Float32Array; ts: Float64Array }> {
  const input = Float32Array.from(x.data);
  const session = await openOnnxSession(exportOneClassSvmOnnx(model));
  try {
    const onnx = await scoreInChunks(session, input, x.cols, { chunkRows: 4096 });
    return { onnx, ts: anomalyScores(model, createMatrix(x.rows, x.cols, Float64Array.from(input))) };
  } finally {
    await session.release();
  }
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('exportOneClassSvmOnnx', () => {
  it('scores 10,000 rows as the TypeScript model does, within 1e-5', async () => {
    const { model, report } = fitOneClassSvm(scaledRows(2_000, 8, 31, 0.05), { seed: 31 });
    assert.ok(report.supportVectors >= 1_000, 'enough support vectors for float32 sums to matter');
    const { onnx, ts } = await bothScores(model, scaledRows(10_000, 8, 32, 0.3));
    assert.ok(ts.some((s) => s > 0) && ts.some((s) => s < 0), 'rows on both sides of the boundary');
    const difference = maxAbsDifference(onnx, ts);
    assert.ok(difference < 1e-5, `max |onnx − ts| = ${difference}`);
  });

  it('keeps the sign convention with many free support vectors (large γ, small ν)', async () => {
    const { model, report } = fitOneClassSvm(scaledRows(1_500, 4, 33, 0.1), { gamma: 20, nu: 0.1 });
    assert.ok(report.supportVectors - report.boundedSupportVectors > 20, 'free support vectors present');
    const { onnx, ts } = await bothScores(model, scaledRows(10_000, 4, 34, 0.3));
    const difference = maxAbsDifference(onnx, ts);
    assert.ok(difference < 1e-5, `max |onnx − ts| = ${difference}`);
  });
});

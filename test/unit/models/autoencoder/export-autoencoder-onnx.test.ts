import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  DEFAULT_AUTOENCODER_OPTIONS,
  exportAutoencoderOnnx,
  featureErrors,
  reconstructionErrors,
  trainAutoencoder,
  type AutoencoderModel,
} from '../../../../activities/models/autoencoder';
import { applyMinMaxScaler, createMatrix, fitMinMaxScaler } from '../../../../activities/models/data';
import { openOnnxSession, runOnnx } from '../../../../activities/models/onnx';
import { featureNamesFor, manifoldRows } from './toy-data';

const COLS = 20;
const ROWS = 10_000;

/** Largest absolute difference between two equally long arrays. */
function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** 10,000 rows of the training surface, every 50th pushed off it in one feature so scores span a wide range. */
function scoringRows() {
  const x = manifoldRows(ROWS, COLS, { surface: 1, sample: 2 });
  for (let r = 0; r < ROWS; r += 50) x.data[r * COLS + (r % COLS)]! += 0.8;
  return x;
}

describe('autoencoder ONNX export', () => {
  let model: AutoencoderModel;
  before(async () => {
    const trained = await trainAutoencoder(
      { x: manifoldRows(2000, COLS, { surface: 1, sample: 1 }), featureNames: featureNamesFor(COLS) },
      { ...DEFAULT_AUTOENCODER_OPTIONS, maxEpochs: 10, batchSize: 64 },
    );
    model = trained.model;
  });

  it('scores 10,000 rows as the TypeScript model does, within 1e-5', async () => {
    const x = scoringRows();
    // onnxruntime sees float32 input; the TypeScript scorer gets the very same (rounded) values.
    const input = Float32Array.from(x.data);
    const out = await runOnnx(exportAutoencoderOnnx(model), { X: { data: input, dims: [ROWS, COLS] } });
    assert.deepEqual(out.score?.dims, [ROWS, 1]);
    const expected = reconstructionErrors(model, Float64Array.from(input));
    const onnxScores = out.score.data as Float32Array;
    assert.ok(maxDifference(onnxScores, expected) < 1e-5, `max difference ${maxDifference(onnxScores, expected)}`);
    assert.ok(Math.max(...expected) > 100 * Math.min(...expected), 'scenario: scores span a wide range');
  });

  it('returns per-feature errors that match featureErrors', async () => {
    const x = scoringRows();
    const input = Float32Array.from(x.data);
    const out = await runOnnx(exportAutoencoderOnnx(model), { X: { data: input, dims: [ROWS, COLS] } });
    assert.deepEqual(out.feature_errors?.dims, [ROWS, COLS]);
    const errors = out.feature_errors.data as Float32Array;
    for (const r of [0, 1, 50, 9999]) {
      const expected = featureErrors(model, Float64Array.from(input.subarray(r * COLS, (r + 1) * COLS)));
      assert.ok(maxDifference(errors.subarray(r * COLS, (r + 1) * COLS), expected) < 1e-5, `row ${r}`);
    }
  });

  it('scales raw features inside the graph when given the scaler', async () => {
    const scaledRows = scoringRows();
    // Raw units: every feature stretched and shifted differently, as notionals and rates would be.
    const raw = createMatrix(
      ROWS,
      COLS,
      scaledRows.data.map((v, i) => v * 10 ** ((i % COLS) % 4) - (i % COLS)),
    );
    const scaler = fitMinMaxScaler(raw);
    const input = Float32Array.from(raw.data);
    const session = await openOnnxSession(exportAutoencoderOnnx(model, { scaler, version: 'test' }));
    try {
      const out = await runOnnx(session, { X: { data: input, dims: [ROWS, COLS] } });
      const scaled = applyMinMaxScaler(scaler, createMatrix(ROWS, COLS, Float64Array.from(input)));
      const expected = reconstructionErrors(model, scaled.data);
      assert.ok(maxDifference(out.score!.data as Float32Array, expected) < 1e-5);
    } finally {
      await session.release();
    }
  });
});

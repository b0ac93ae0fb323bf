import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  DEFAULT_AUTOENCODER_OPTIONS,
  autoencoderFromState,
  autoencoderToState,
  featureErrors,
  reconstructionErrors,
  topFeatures,
  topFeaturesFromErrors,
  trainAutoencoder,
  type AutoencoderModel,
} from '../../../../activities/models/autoencoder';
import { rowOf } from '../../../../activities/models/data';
import { featureNamesFor, manifoldRows } from './toy-data';

const COLS = 12;
const OUTLIER_ROW = 137;
const CORRUPTED_FEATURE = 5;

/**
 * 1000 rows on a 2-dimensional surface in 12 dimensions, with row 137 pushed off it in feature 5 (by about three
 * of that feature's standard deviations). 12 dimensions against a 4-wide bottleneck leave most of a one-feature
 * change outside what the net can reconstruct, so the error stays in that feature instead of spreading.
 */
async function trainedOnContaminatedData(): Promise<{ model: AutoencoderModel; x: ReturnType<typeof manifoldRows> }> {
  const x = manifoldRows(1000, COLS, { surface: 1, sample: 1 });
  x.data[OUTLIER_ROW * COLS + CORRUPTED_FEATURE]! += 0.5;
  const { model } = await trainAutoencoder(
    { x, featureNames: featureNamesFor(COLS) },
    {
      ...DEFAULT_AUTOENCODER_OPTIONS,
      hiddenSizes: [16, 4, 16],
      batchSize: 32,
      maxEpochs: 60,
      adam: { ...DEFAULT_AUTOENCODER_OPTIONS.adam, learningRate: 3e-3 },
    },
  );
  return { model, x };
}

describe('autoencoder scoring and explanations', () => {
  let model: AutoencoderModel;
  let x: ReturnType<typeof manifoldRows>;
  before(async () => ({ model, x } = await trainedOnContaminatedData()));

  it('gives an injected outlier the top score among the rows it was trained on', () => {
    const scores = reconstructionErrors(model, x.data);
    const top = scores.indexOf(Math.max(...scores));
    assert.equal(top, OUTLIER_ROW);
    const sorted = Float64Array.from(scores).sort();
    assert.ok(scores[top]! > 3 * sorted[sorted.length - 2]!, 'the outlier stands well clear of the runner-up');
  });

  it('names the corrupted feature first', () => {
    const [first, ...rest] = topFeatures(model, rowOf(x, OUTLIER_ROW), 3);
    assert.equal(first?.feature, `f${CORRUPTED_FEATURE}`);
    assert.equal(first?.index, CORRUPTED_FEATURE);
    assert.ok(first.share > 0.5, `share ${first.share}`);
    assert.equal(rest.length, 2);
    assert.ok(rest.every((c) => c.error <= first.error));
  });

  it('scores a row as the mean of its feature errors', () => {
    const row = rowOf(x, 3);
    const errors = featureErrors(model, row);
    const score = reconstructionErrors(model, row)[0]!;
    assert.ok(Math.abs(errors.reduce((a, b) => a + b, 0) / COLS - score) < 1e-15);
  });

  it('ranks given per-feature errors (as from the ONNX output) the same way', () => {
    const ranked = topFeaturesFromErrors([0.1, 0.4, 0, 0.5], 2, (j) => ['a', 'b', 'c', 'd'][j]!);
    assert.deepEqual(ranked, [
      { feature: 'd', index: 3, error: 0.5, share: 0.5 },
      { feature: 'b', index: 1, error: 0.4, share: 0.4 },
    ]);
    assert.deepEqual(
      topFeaturesFromErrors([0, 0], 5).map((c) => [c.feature, c.share]),
      [
        ['feature_0', 0],
        ['feature_1', 0],
      ],
    );
  });

  it('survives a JSON round trip of its state with identical scores', () => {
    const restored = autoencoderFromState(JSON.parse(JSON.stringify(autoencoderToState(model))));
    assert.deepEqual(restored.parameters, model.parameters);
    assert.deepEqual(reconstructionErrors(restored, x.data), reconstructionErrors(model, x.data));
    assert.throws(() => autoencoderFromState({ kind: 'forest' }), /not an autoencoder state/);
    assert.throws(
      () => autoencoderFromState({ ...autoencoderToState(model), parameters: [1, 2] }),
      /2 parameters; its layout needs/,
    );
  });

  it('rejects input whose width is not the feature count', () => {
    assert.throws(
      () => reconstructionErrors(model, new Float64Array(COLS + 1)),
      /not a multiple of the autoencoder's 12/,
    );
    assert.throws(() => featureErrors(model, new Float64Array(3)), /row has 3 values, expected 12/);
  });
});

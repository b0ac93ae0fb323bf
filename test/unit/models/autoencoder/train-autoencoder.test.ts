import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_AUTOENCODER_OPTIONS,
  reconstructionErrors,
  trainAutoencoder,
  type AutoencoderOptions,
  type EpochRecord,
} from '../../../../activities/models/autoencoder';
import { manifoldRows } from './toy-data';

const SMALL: AutoencoderOptions = {
  ...DEFAULT_AUTOENCODER_OPTIONS,
  hiddenSizes: [8, 2, 8],
  batchSize: 16,
  maxEpochs: 30,
  patience: 30,
  adam: { ...DEFAULT_AUTOENCODER_OPTIONS.adam, learningRate: 0.01 },
};
const SURFACE = { surface: 1, sample: 1 };

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length;

describe('trainAutoencoder', () => {
  it('drives the training and validation loss down', async () => {
    const { report } = await trainAutoencoder({ x: manifoldRows(400, 6, SURFACE) }, SMALL);
    const first = report.epochs[0]!;
    const last = report.epochs.at(-1)!;
    assert.equal(report.epochs.length, 30);
    assert.ok(last.trainLoss < first.trainLoss / 4, `train loss ${first.trainLoss} → ${last.trainLoss}`);
    assert.ok(report.bestValidationLoss < first.validationLoss / 4);
    assert.equal(report.trainingRows + report.validationRows, 400);
    assert.equal(report.validationRows, 40);
  });

  it('stops after `patience` epochs without improvement and restores the best epoch’s weights', async () => {
    // Validation rows from another surface: they reconstruct better while the net learns what the surfaces
    // share, then worse as it fits the training surface alone, so validation loss turns upwards (after epoch 6).
    const validation = manifoldRows(100, 6, { surface: 2, sample: 2 });
    const adam = { ...SMALL.adam, learningRate: 1e-3 };
    const options = { ...SMALL, adam, patience: 4, minRelativeImprovement: 0 };
    const { model, report } = await trainAutoencoder({ x: manifoldRows(400, 6, SURFACE), validation }, options);
    const losses = report.epochs.map((e) => e.validationLoss);
    const argmin = losses.indexOf(Math.min(...losses)) + 1;
    assert.equal(report.bestEpoch, argmin);
    assert.ok(report.bestEpoch > 1, 'scenario: the best epoch is neither the first nor the last');
    assert.ok(report.stoppedEarly);
    assert.equal(report.epochs.length, report.bestEpoch + options.patience);
    // The returned weights score the validation rows as the best epoch did, not as the last one did.
    const restored = mean(reconstructionErrors(model, validation.data));
    assert.ok(Math.abs(restored - report.bestValidationLoss) < 1e-5 * report.bestValidationLoss);
    assert.ok(losses.at(-1)! > report.bestValidationLoss * 1.05, 'scenario: the last epoch is clearly worse');
  });

  it('counts only improvements above minRelativeImprovement towards patience', async () => {
    const x = manifoldRows(400, 6, SURFACE);
    const strict = await trainAutoencoder({ x }, { ...SMALL, patience: 2, minRelativeImprovement: 0.5 });
    // A 50 % improvement every two epochs is not sustained for long.
    assert.ok(strict.report.stoppedEarly);
    assert.ok(strict.report.epochs.length < 30);
  });

  it('is deterministic by seed', async () => {
    const x = manifoldRows(300, 6, SURFACE);
    const options = { ...SMALL, maxEpochs: 5 };
    const a = await trainAutoencoder({ x }, { ...options, seed: 7 });
    const b = await trainAutoencoder({ x }, { ...options, seed: 7 });
    const c = await trainAutoencoder({ x }, { ...options, seed: 8 });
    assert.deepEqual(a.model.parameters, b.model.parameters);
    assert.deepEqual(a.report, b.report);
    assert.notDeepEqual(a.model.parameters, c.model.parameters);
  });

  it('awaits onEpoch after every epoch', async () => {
    const seen: EpochRecord[] = [];
    await trainAutoencoder(
      { x: manifoldRows(100, 6, SURFACE), onEpoch: async (e) => void seen.push(e) },
      { ...SMALL, maxEpochs: 3 },
    );
    assert.deepEqual(
      seen.map((e) => e.epoch),
      [1, 2, 3],
    );
  });

  it('lets onEpoch cancel training by throwing', async () => {
    const cancelled = trainAutoencoder(
      {
        x: manifoldRows(100, 6, SURFACE),
        onEpoch: () => {
          throw new Error('cancelled');
        },
      },
      SMALL,
    );
    await assert.rejects(cancelled, /cancelled/);
  });

  it('rejects bad options and data with clear errors', async () => {
    const x = manifoldRows(100, 6, SURFACE);
    await assert.rejects(
      trainAutoencoder({ x }, { ...SMALL, batchSize: 0, hiddenSizes: [4, 0] }),
      /invalid autoencoder options: hiddenSizes\[1\] must be a positive integer, got 0; batchSize/,
    );
    await assert.rejects(trainAutoencoder({ x: manifoldRows(3, 6, SURFACE) }, SMALL), /too few rows/);
    await assert.rejects(trainAutoencoder({ x, featureNames: ['a'] }, SMALL), /1 feature names for 6 features/);
    const withNaN = manifoldRows(100, 6, SURFACE);
    withNaN.data[2 * 6 + 4] = Number.NaN;
    await assert.rejects(trainAutoencoder({ x: withNaN }, SMALL), /training rows: row 2, column 4 is NaN/);
    await assert.rejects(
      trainAutoencoder({ x, validation: manifoldRows(10, 5, SURFACE) }, SMALL),
      /validation has 5 features, training 6/,
    );
  });
});

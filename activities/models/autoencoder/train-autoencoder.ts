import { createRng, selectRows, shuffleInPlace, type Matrix, type Rng } from '../data';
import { Adam } from './adam';
import { checkAutoencoderOptions, DEFAULT_AUTOENCODER_OPTIONS, type AutoencoderOptions } from './autoencoder-options';
import type { AutoencoderModel } from './autoencoder-model';
import { BatchBackprop } from './batch-backprop';
import { initialParameters, networkLayout } from './network-layout';

export interface TrainAutoencoderInput {
  /** Training rows, already scaled (e.g. MinMax): the loss weighs every feature alike. */
  readonly x: Matrix;
  /** Early-stopping rows; when absent, `validationFraction` of `x` is held out at random (seeded). */
  readonly validation?: Matrix;
  readonly featureNames?: readonly string[];
  /** Called after every epoch and awaited (heartbeat, progress, cancellation by throwing). */
  readonly onEpoch?: (epoch: EpochRecord) => void | Promise<void>;
}

export interface EpochRecord {
  /** 1-based. */
  readonly epoch: number;
  /** Mean loss over the epoch's mini-batches, as the weights moved. */
  readonly trainLoss: number;
  /** Mean reconstruction error on the validation rows after the epoch. */
  readonly validationLoss: number;
}

export interface AutoencoderTrainingReport {
  readonly epochs: readonly EpochRecord[];
  /** The epoch whose weights the model carries (lowest validation loss). */
  readonly bestEpoch: number;
  readonly bestValidationLoss: number;
  readonly stoppedEarly: boolean;
  readonly trainingRows: number;
  readonly validationRows: number;
  readonly parameterCount: number;
}

export interface TrainedAutoencoder {
  readonly model: AutoencoderModel;
  readonly report: AutoencoderTrainingReport;
}

/**
 * Trains the autoencoder with mini-batch Adam on the mean squared reconstruction error, stops when the validation
 * loss has not improved for `patience` epochs, and returns the weights of the best epoch. Deterministic by
 * `options.seed`. Yields to the event loop after each epoch so heartbeats get out.
 *
 * @example const { model, report } = await trainAutoencoder({ x: scaled }, { ...DEFAULT_AUTOENCODER_OPTIONS, seed: 7 });
 */
export async function trainAutoencoder(
  input: TrainAutoencoderInput,
  options: AutoencoderOptions = DEFAULT_AUTOENCODER_OPTIONS,
): Promise<TrainedAutoencoder> {
  checkAutoencoderOptions(options);
  const rng = createRng(options.seed);
  const layout = networkLayout(input.x.cols, options.hiddenSizes);
  const params = initialParameters(layout, rng);
  const { train, validation } = trainingAndValidation(input, options.validationFraction, rng);
  const pass = new BatchBackprop(layout, options.batchSize);
  const adam = new Adam(layout.parameterCount, options.adam);
  const gradient = new Float64Array(layout.parameterCount);
  const order = new Uint32Array(train.rows).map((_, i) => i);

  const epochs: EpochRecord[] = [];
  let best = { epoch: 0, loss: Infinity, params };
  let lastSignificant = { epoch: 0, loss: Infinity };
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    shuffleInPlace(order, rng);
    let lossSum = 0;
    for (let start = 0; start < train.rows; start += options.batchSize) {
      const end = Math.min(train.rows, start + options.batchSize);
      pass.load(train.data, order, start, end);
      lossSum += pass.forward(params);
      gradient.fill(0);
      pass.backward(params, gradient, 1 / (end - start));
      adam.update(params, gradient);
    }
    const record = { epoch, trainLoss: lossSum / train.rows, validationLoss: meanLoss(pass, params, validation) };
    if (!Number.isFinite(record.validationLoss)) {
      throw new Error(
        `autoencoder training diverged at epoch ${epoch} (loss ${record.validationLoss}): lower the learning rate`,
      );
    }
    epochs.push(record);
    if (record.validationLoss < best.loss) best = { epoch, loss: record.validationLoss, params: params.slice() };
    if (record.validationLoss < lastSignificant.loss * (1 - options.minRelativeImprovement)) {
      lastSignificant = { epoch, loss: record.validationLoss };
    }
    await input.onEpoch?.(record);
    if (epoch - lastSignificant.epoch >= options.patience) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return {
    model: {
      kind: 'autoencoder',
      nFeatures: input.x.cols,
      hiddenSizes: [...options.hiddenSizes],
      parameters: Float32Array.from(best.params),
      ...(input.featureNames && { featureNames: [...input.featureNames] }),
    },
    report: {
      epochs,
      bestEpoch: best.epoch,
      bestValidationLoss: best.loss,
      stoppedEarly: epochs.length < options.maxEpochs,
      trainingRows: train.rows,
      validationRows: validation.rows,
      parameterCount: layout.parameterCount,
    },
  };
}

/** Mean over rows of each row's mean squared reconstruction error. */
export function meanLoss(pass: BatchBackprop, params: Float64Array, x: Matrix): number {
  let sum = 0;
  for (let start = 0; start < x.rows; start += pass.capacity) {
    pass.loadRange(x.data, start, Math.min(x.rows, start + pass.capacity));
    sum += pass.forward(params);
  }
  return sum / x.rows;
}

function trainingAndValidation(
  input: TrainAutoencoderInput,
  validationFraction: number,
  rng: Rng,
): { train: Matrix; validation: Matrix } {
  const { x, validation, featureNames } = input;
  if (featureNames && featureNames.length !== x.cols) {
    throw new Error(`${featureNames.length} feature names for ${x.cols} features`);
  }
  checkFinite('training rows', x);
  if (validation) {
    checkFinite('validation rows', validation);
    if (validation.cols !== x.cols) throw new Error(`validation has ${validation.cols} features, training ${x.cols}`);
    if (x.rows < 1 || validation.rows < 1) throw new Error('autoencoder needs training and validation rows');
    return { train: x, validation };
  }
  const held = Math.round(x.rows * validationFraction);
  if (held < 1 || held >= x.rows) {
    throw new Error(`cannot hold out ${validationFraction} of ${x.rows} rows for validation: too few rows`);
  }
  const shuffled = shuffleInPlace(
    new Uint32Array(x.rows).map((_, i) => i),
    rng,
  );
  return { train: selectRows(x, shuffled.subarray(held)), validation: selectRows(x, shuffled.subarray(0, held)) };
}

/** A NaN or infinity would surface epochs later as a "diverged" loss; name the cell instead. */
function checkFinite(what: string, m: Matrix): void {
  const at = m.data.findIndex((v) => !Number.isFinite(v));
  if (at >= 0) {
    throw new Error(`autoencoder ${what}: row ${Math.floor(at / m.cols)}, column ${at % m.cols} is ${m.data[at]}`);
  }
}

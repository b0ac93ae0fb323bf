import { autoencoderFromState, autoencoderToState } from '../autoencoder/autoencoder-state';
import { DEFAULT_AUTOENCODER_OPTIONS } from '../autoencoder/autoencoder-options';
import { addAutoencoderNodes } from '../autoencoder/export-autoencoder-onnx';
import { reconstructionErrors, topFeatures } from '../autoencoder/score-autoencoder';
import { trainAutoencoder } from '../autoencoder/train-autoencoder';
import type { DetectorAdapter } from './detector-adapters';

/** The autoencoder in the training pipeline: early stopping, a heartbeat per epoch, reconstruction error as score. */
export const autoencoderAdapter: DetectorAdapter = {
  async train(x, context) {
    const { model, report } = await trainAutoencoder(
      {
        x,
        featureNames: context.featureNames,
        onEpoch: (epoch) => context.progress({ detector: 'autoencoder', ...epoch }),
      },
      { ...DEFAULT_AUTOENCODER_OPTIONS, seed: context.seed },
    );
    const { epochs, ...summary } = report;
    return { state: autoencoderToState(model), report: { ...summary, epochsRun: epochs.length } };
  },
  score: (state, x) => reconstructionErrors(autoencoderFromState(state), x.data),
  addNodes: (state) => (g, input, output) => addAutoencoderNodes(g, autoencoderFromState(state), input, output),
  topFeatures: (state, row, k) =>
    topFeatures(autoencoderFromState(state), row, k).map((c) => ({ feature: c.feature, share: c.share })),
};

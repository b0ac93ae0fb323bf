// The autoencoder detector: training (backprop + Adam, early stopping), scoring, explanations and ONNX export.
export { DEFAULT_AUTOENCODER_OPTIONS, type AutoencoderOptions } from './autoencoder-options';
export { DEFAULT_ADAM, type AdamOptions } from './adam';
export type { AutoencoderModel, DenseLayer } from './autoencoder-model';
export { denseLayers } from './autoencoder-model';
export { autoencoderFromState, autoencoderToState, type AutoencoderState } from './autoencoder-state';
export {
  trainAutoencoder,
  type AutoencoderTrainingReport,
  type EpochRecord,
  type TrainAutoencoderInput,
  type TrainedAutoencoder,
} from './train-autoencoder';
export {
  featureErrors,
  reconstructionErrors,
  topFeatures,
  topFeaturesFromErrors,
  type FeatureContribution,
} from './score-autoencoder';
export {
  addAutoencoderNodes,
  exportAutoencoderOnnx,
  AUTOENCODER_ONNX_NAMES,
  AUTOENCODER_OPSET,
} from './export-autoencoder-onnx';

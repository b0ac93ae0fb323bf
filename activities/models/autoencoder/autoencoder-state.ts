import type { AutoencoderModel } from './autoencoder-model';
import { modelLayout } from './autoencoder-model';

/** The model as plain JSON (typed arrays do not survive JSON.stringify); float32 values round-trip exactly. */
export interface AutoencoderState {
  readonly kind: 'autoencoder';
  readonly nFeatures: number;
  readonly hiddenSizes: number[];
  readonly parameters: number[];
  readonly featureNames?: string[];
}

export function autoencoderToState(model: AutoencoderModel): AutoencoderState {
  return {
    kind: 'autoencoder',
    nFeatures: model.nFeatures,
    hiddenSizes: [...model.hiddenSizes],
    parameters: Array.from(model.parameters),
    ...(model.featureNames && { featureNames: [...model.featureNames] }),
  };
}

/** Validates stored JSON (e.g. from the model registry) and rebuilds the model; throws on anything malformed. */
export function autoencoderFromState(state: unknown): AutoencoderModel {
  const s = state as Partial<AutoencoderState> | null;
  const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isFinite(n));
  if (
    s?.kind !== 'autoencoder' ||
    typeof s.nFeatures !== 'number' ||
    !isNumbers(s.hiddenSizes) ||
    !isNumbers(s.parameters)
  ) {
    throw new Error('not an autoencoder state');
  }
  if (s.featureNames !== undefined && !(Array.isArray(s.featureNames) && s.featureNames.length === s.nFeatures)) {
    throw new Error(`autoencoder state: featureNames must be ${s.nFeatures} strings`);
  }
  const model: AutoencoderModel = {
    kind: 'autoencoder',
    nFeatures: s.nFeatures,
    hiddenSizes: [...s.hiddenSizes],
    parameters: Float32Array.from(s.parameters),
    ...(s.featureNames && { featureNames: s.featureNames.map(String) }),
  };
  modelLayout(model);
  return model;
}

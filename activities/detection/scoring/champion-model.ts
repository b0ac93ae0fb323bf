import type { InferenceSession } from 'onnxruntime-node';
import type { MinMaxScalerParams } from '../../models/data/minmax-scaler';
import { parseMinMaxScalerParams } from '../../models/data/minmax-scaler';
import type { EnsembleSpec } from '../../models/ensemble/ensemble-spec';
import { parseFeatureReference, type FeatureReference } from '../../models/features/feature-reference';
import type { ArtefactStore } from '../../models/registry/artefact-store';
import type { ModelVersionSummary } from '../../models/registry/model-registry';
import { openSession, type ExecutionProvider } from '../../models/scoring/onnx-session';

/** A model version ready to score: its ONNX session, and what explanations and decisions need beside it. */
export interface ChampionModel {
  version: string;
  session: InferenceSession;
  provider: ExecutionProvider;
  spec: EnsembleSpec;
  scaler: MinMaxScalerParams;
  featureNames: string[];
  /** Each member's trained state (for per-feature explanations), by detector kind. */
  states: Record<string, unknown>;
  reference: FeatureReference;
  /** The ONNX bytes the session was opened from, so a worker thread can open its own. */
  onnx?: Uint8Array;
}

interface StoredManifest {
  spec: EnsembleSpec;
  scaler: unknown;
  featureNames: string[];
  states: Record<string, unknown>;
}

/**
 * Loads a version from the artefact store: the ONNX file (checked against the registry's SHA-256), the manifest
 * written beside it at assembly and the feature reference. Throws when any of them is missing or corrupt.
 */
export async function loadChampionModel(
  store: ArtefactStore,
  version: ModelVersionSummary,
  provider: ExecutionProvider,
): Promise<ChampionModel> {
  const onnx = await store.read(version.onnxPath, version.onnxSha256);
  const manifest = (await store.readSideJson(version.onnxPath, 'manifest')) as StoredManifest;
  const reference = parseFeatureReference(await store.readSideJson(version.onnxPath, 'reference'));
  if (!Array.isArray(manifest.spec?.members) || manifest.spec.members.length === 0) {
    throw new Error(`model ${version.version}: manifest has no ensemble members`);
  }
  const opened = await openSession(onnx, provider);
  return {
    version: version.version,
    session: opened.session,
    provider: opened.provider,
    spec: manifest.spec,
    scaler: parseMinMaxScalerParams(manifest.scaler),
    featureNames: manifest.featureNames,
    states: manifest.states,
    reference,
    onnx,
  };
}

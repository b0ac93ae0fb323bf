import type { Db } from '../../db/connection';
import type { MinMaxScalerParams } from '../data/minmax-scaler';
import { buildEnsemble, metricsOf } from '../ensemble/build-ensemble';
import {
  DETECTOR_KINDS,
  type DecisionPolicy,
  type DetectorMetrics,
  type EnsembleSpec,
} from '../ensemble/ensemble-spec';
import { exportEnsembleOnnx } from '../ensemble/export-ensemble-onnx';
import { extractFeatures } from '../features/extract-features';
import { parseFeatureReference, type FeatureReference } from '../features/feature-reference';
import type { FeatureTrade } from '../features/feature-trade';
import { featureHistograms, featurePsi, psi, valueHistogram, type Histogram } from '../features/population-stability';
import type { ArtefactStore } from '../registry/artefact-store';
import { currentChampion, registerModelVersion, type ModelVersionSummary } from '../registry/model-registry';
import { openSession, type ExecutionProvider } from '../scoring/onnx-session';
import { scoreEnsemble } from '../scoring/score-ensemble';
import { DETECTOR_ADAPTERS } from './detector-adapters';
import { readFloat64, readJson, readMatrix } from './matrix-files';
import { trainingFiles } from './training-files';

export interface AssembleEnsembleInput {
  workDir: string;
  version: string;
  week: string;
  fromMs: number;
  toMs: number;
  workflowId: string;
  floor: number;
  policy: DecisionPolicy;
}

export interface ChampionComparison {
  version: string;
  rocAuc: number;
}

export interface AssembledCandidate {
  version: string;
  metrics: Record<string, DetectorMetrics | undefined>;
  lowestPerformer: string;
  dropped: EnsembleSpec['dropped'];
  /** The current champion scored on the same hold-out; null when there is none (or its artefact is unusable). */
  champion: ChampionComparison | null;
  /** A champion exists but its artefact could not be loaded or scored. */
  championUnavailable: boolean;
  drift: DriftReport | null;
}

export interface DriftReport {
  againstVersion: string;
  features: Record<string, number>;
  score: number;
  /** PSI above 0.25 is the usual "significant shift" bound. */
  alert: boolean;
  bound: number;
}

export const PSI_ALERT_BOUND = 0.25;

/** What a version keeps beside its ONNX file, for explanations, drift and re-scoring. */
interface VersionManifest {
  spec: EnsembleSpec;
  scaler: MinMaxScalerParams;
  featureNames: string[];
  trainHistograms: Histogram[];
  trainScoreHistogram: Histogram;
  states: Record<string, unknown>;
}

/**
 * Builds the ensemble from the trained detectors, exports it as one ONNX file into the artefact store, evaluates
 * that very file on the hold-out, measures drift and scores the champion on the same hold-out, and registers the
 * version as a candidate. Re-running it for the same version rewrites identical artefacts and registers nothing new.
 */
export async function assembleEnsemble(
  deps: { db: Db; store: ArtefactStore; provider: ExecutionProvider },
  input: AssembleEnsembleInput,
): Promise<AssembledCandidate> {
  const files = trainingFiles(input.workDir);
  const labels = Uint8Array.from(await readJson<number[]>(files.holdoutLabels));
  const detectorScores = await Promise.all(
    DETECTOR_KINDS.map(async (kind) => ({
      kind,
      trainScores: await readFloat64(files.trainScores(kind)),
      holdoutScores: await readFloat64(files.holdoutScores(kind)),
    })),
  );
  const { spec, metrics } = buildEnsemble(detectorScores, labels, { floor: input.floor, policy: input.policy });
  const states = Object.fromEntries(
    await Promise.all(
      DETECTOR_KINDS.map(async (k) => [k, (await readJson<{ state: unknown }>(files.state(k))).state] as const),
    ),
  );
  const scaler = await readJson<MinMaxScalerParams>(files.scaler);
  const onnx = exportEnsembleOnnx({
    spec,
    scaler,
    version: input.version,
    detectors: Object.fromEntries(DETECTOR_KINDS.map((k) => [k, DETECTOR_ADAPTERS[k].addNodes(states[k])])),
  });
  const train = await readMatrix(files.train);
  const holdout = await readMatrix(files.holdout);
  const { session } = await openSession(onnx, deps.provider);
  const holdoutScores = await scoreEnsemble(session, holdout);
  const trainScores = await scoreEnsemble(session, train);
  await session.release();
  // The metrics recorded are those of the exported file itself, not of the TypeScript models.
  metrics.ensemble = metricsOf(holdoutScores.score, labels);
  spec.threshold = metrics.ensemble.threshold;

  const manifest: VersionManifest = {
    spec,
    scaler,
    featureNames: train.names,
    trainHistograms: featureHistograms(train),
    trainScoreHistogram: valueHistogram(trainScores.score),
    states,
  };
  const reference = await readJson<FeatureReference>(files.reference);
  const stored = await deps.store.writeVersion(input.version, { onnx, manifest, reference });

  const champion = await currentChampion(deps.db.kysely);
  const holdoutTrades = await readJson<FeatureTrade[]>(files.holdoutTrades);
  const comparison = champion ? await scoreChampion(deps, champion, holdoutTrades, labels) : null;
  const thisWeek = holdoutTrades.filter((_, i) => labels[i] === 0);
  const drift = champion ? await measureDrift(deps, champion, thisWeek) : null;

  await registerModelVersion(deps.db.kysely, {
    version: input.version,
    trainingWeek: input.week,
    trainingFrom: new Date(input.fromMs),
    trainingTo: new Date(input.toMs),
    sampleSize: train.rows,
    holdoutSize: holdout.rows,
    metrics: { ...metrics, champion: comparison },
    ensemble: spec as unknown as Record<string, unknown>,
    featureSchema: train.names,
    featureReference: reference,
    drift: drift as Record<string, unknown> | null,
    onnxPath: stored.path,
    onnxSha256: stored.sha256,
    workflowId: input.workflowId,
  });
  return {
    version: input.version,
    metrics,
    lowestPerformer: spec.lowestPerformer,
    dropped: spec.dropped,
    champion: comparison,
    championUnavailable: champion !== undefined && comparison === null,
    drift,
  };
}

/** The champion's own file and feature reference, scored on the challenger's hold-out trades. */
async function scoreChampion(
  deps: { store: ArtefactStore; provider: ExecutionProvider },
  champion: ModelVersionSummary,
  trades: FeatureTrade[],
  labels: Uint8Array,
): Promise<ChampionComparison | null> {
  const loaded = await loadVersion(deps.store, champion);
  if (!loaded) return null;
  const features = extractFeatures(trades, loaded.reference);
  const { session } = await openSession(loaded.onnx, deps.provider);
  const scores = await scoreEnsemble(session, features);
  await session.release();
  return { version: champion.version, rocAuc: metricsOf(scores.score, labels).rocAuc };
}

/**
 * Population stability of this week's trades against the champion's training data: each feature, and the
 * champion's score, both computed the champion's way (its feature reference, its ONNX file).
 */
async function measureDrift(
  deps: { store: ArtefactStore; provider: ExecutionProvider },
  champion: ModelVersionSummary,
  trades: FeatureTrade[],
): Promise<DriftReport | null> {
  const manifest = await readManifest(deps.store, champion);
  const loaded = await loadVersion(deps.store, champion);
  if (!manifest || !loaded || trades.length === 0) return null;
  const features = extractFeatures(trades, loaded.reference);
  const now = featureHistograms(
    features,
    manifest.trainHistograms.map((h) => h.edges),
  );
  const perFeature = featurePsi(manifest.trainHistograms, now);
  const { session } = await openSession(loaded.onnx, deps.provider);
  const scores = await scoreEnsemble(session, features);
  await session.release();
  const score = psi(manifest.trainScoreHistogram, valueHistogram(scores.score, manifest.trainScoreHistogram.edges));
  const worst = Math.max(0, ...perFeature);
  return {
    againstVersion: champion.version,
    features: Object.fromEntries(manifest.featureNames.map((n, i) => [n, perFeature[i] ?? 0])),
    score,
    alert: worst > PSI_ALERT_BOUND || score > PSI_ALERT_BOUND,
    bound: PSI_ALERT_BOUND,
  };
}

export async function loadVersion(store: ArtefactStore, version: ModelVersionSummary) {
  try {
    const onnx = await store.read(version.onnxPath, version.onnxSha256);
    const reference = parseFeatureReference(await store.readSideJson(version.onnxPath, 'reference'));
    return { onnx, reference };
  } catch {
    return null;
  }
}

async function readManifest(store: ArtefactStore, version: ModelVersionSummary): Promise<VersionManifest | null> {
  try {
    return (await store.readSideJson(version.onnxPath, 'manifest')) as VersionManifest;
  } catch {
    return null;
  }
}

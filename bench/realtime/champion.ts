import type { Db } from '../../activities/db/connection';
import { createMatrix, selectRows } from '../../activities/models/data/matrix';
import { applyMinMaxScaler, fitMinMaxScaler } from '../../activities/models/data/minmax-scaler';
import { buildEnsemble } from '../../activities/models/ensemble/build-ensemble';
import { DETECTOR_KINDS } from '../../activities/models/ensemble/ensemble-spec';
import { exportEnsembleOnnx } from '../../activities/models/ensemble/export-ensemble-onnx';
import {
  FEATURE_NAMES,
  extractFeatures,
  fitFeatureReference,
  type FeatureTrade,
} from '../../activities/models/features';
import { ArtefactStore } from '../../activities/models/registry/artefact-store';
import { promoteModelVersion, registerModelVersion } from '../../activities/models/registry/model-registry';
import { DETECTOR_ADAPTERS } from '../../activities/models/training/detector-adapters';

/** What assembly stores for a version: the ensemble ONNX, its manifest parts and the feature reference. */
export interface ChampionArtefacts {
  onnx: Uint8Array;
  spec: ReturnType<typeof buildEnsemble>['spec'];
  scaler: ReturnType<typeof fitMinMaxScaler>;
  states: Record<string, unknown>;
  reference: ReturnType<typeof fitFeatureReference>;
  trainRows: number;
  holdoutRows: number;
  /** Hold-out ROC AUC of each member and of the ensemble. */
  holdoutAuc: Record<string, number>;
}

/**
 * A real three-member champion (Isolation Forest, One-Class SVM, autoencoder) trained on the normal trades of a
 * generated day, its ensemble built on a labelled hold-out and exported to ONNX — weekly training's artefacts without
 * the workflow, so the bench scores with what production would.
 */
export async function trainChampionArtefacts(options: {
  version: string;
  trades: FeatureTrade[];
  labels: boolean[];
}): Promise<ChampionArtefacts> {
  const reference = fitFeatureReference(options.trades.filter((_, i) => !options.labels[i]));
  const x = extractFeatures(options.trades, reference);
  const trainRows = options.trades.flatMap((_, i) => (i % 2 === 0 && !options.labels[i] ? [i] : []));
  const holdoutRows = options.trades.flatMap((_, i) => (i % 2 === 1 ? [i] : []));
  const train = selectRows(x, trainRows);
  const holdout = selectRows(x, holdoutRows);
  const scaler = fitMinMaxScaler(train);
  const [trainScaled, holdoutScaled] = [applyMinMaxScaler(scaler, train), applyMinMaxScaler(scaler, holdout)];
  const states: Record<string, unknown> = {};
  const detectors = [];
  for (const kind of DETECTOR_KINDS) {
    const adapter = DETECTOR_ADAPTERS[kind];
    const { state } = await adapter.train(createMatrix(train.rows, train.cols, trainScaled.data), {
      seed: 1,
      featureNames: FEATURE_NAMES,
      progress: () => undefined,
    });
    states[kind] = state;
    detectors.push({
      kind,
      trainScores: adapter.score(state, trainScaled),
      holdoutScores: adapter.score(state, holdoutScaled),
    });
  }
  const labels = Uint8Array.from(holdoutRows, (i) => (options.labels[i] ? 1 : 0));
  const { spec, metrics } = buildEnsemble(detectors, labels, { policy: 'weighted' });
  const holdoutAuc = Object.fromEntries(
    Object.entries(metrics).flatMap(([k, m]) => (m ? [[k, Number(m.rocAuc.toFixed(4))]] : [])),
  );
  const onnx = exportEnsembleOnnx({
    spec,
    scaler,
    version: options.version,
    detectors: Object.fromEntries(DETECTOR_KINDS.map((k) => [k, DETECTOR_ADAPTERS[k].addNodes(states[k])])),
  });
  return { onnx, spec, scaler, states, reference, trainRows: train.rows, holdoutRows: holdout.rows, holdoutAuc };
}

/** Trains a champion (see trainChampionArtefacts), stores its artefacts and registers and promotes it. */
export async function trainChampion(
  db: Db,
  modelsDir: string,
  options: { version: string; trades: FeatureTrade[]; labels: boolean[] },
): Promise<void> {
  const { onnx, spec, scaler, states, reference, trainRows, holdoutRows } = await trainChampionArtefacts(options);
  const store = new ArtefactStore(modelsDir);
  const manifest = { spec, scaler, featureNames: [...FEATURE_NAMES], states };
  const stored = await store.writeVersion(options.version, { onnx, manifest, reference });
  await registerModelVersion(db.kysely, {
    version: options.version,
    trainingWeek: 'bench',
    trainingFrom: new Date(options.trades[0]!.executionMs),
    trainingTo: new Date(options.trades.at(-1)!.executionMs),
    sampleSize: trainRows,
    holdoutSize: holdoutRows,
    metrics: {},
    ensemble: spec as unknown as Record<string, unknown>,
    featureSchema: [...FEATURE_NAMES],
    featureReference: reference,
    drift: null,
    onnxPath: stored.path,
    onnxSha256: stored.sha256,
    workflowId: 'bench',
  });
  await promoteModelVersion(db.kysely, { version: options.version, reason: 'bench', actor: 'bench', at: new Date() });
}

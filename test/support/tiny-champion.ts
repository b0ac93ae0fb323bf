import type { Db } from '../../activities/db/connection';
import { applyMinMaxScaler, fitMinMaxScaler } from '../../activities/models/data/minmax-scaler';
import type { EnsembleSpec } from '../../activities/models/ensemble/ensemble-spec';
import { exportEnsembleOnnx } from '../../activities/models/ensemble/export-ensemble-onnx';
import {
  FEATURE_NAMES,
  extractFeatures,
  fitFeatureReference,
  type FeatureTrade,
} from '../../activities/models/features';
import { IsolationForest } from '../../activities/models/iforest/isolation-forest';
import { fitScoreNormaliser } from '../../activities/models/metrics/normalise-scores';
import { ArtefactStore } from '../../activities/models/registry/artefact-store';
import { promoteModelVersion, registerModelVersion } from '../../activities/models/registry/model-registry';
import { DETECTOR_ADAPTERS } from '../../activities/models/training/detector-adapters';
import { BANK_LEI } from './trade-rows';

/** Ordinary IRS flow on one morning: rates near 3.25%, notionals near 10bn KRW, eight dealers. */
export function ordinaryTrades(count: number, startMs = Date.parse('2026-11-16T09:30:00+09:00')): FeatureTrade[] {
  return Array.from({ length: count }, (_, i) => ({
    event_key: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    uti: `${BANK_LEI}TRAIN${i}`,
    action_type: 'NEWT',
    product: 'IRS',
    notional_leg1: 1e10 * (1 + (i % 9) / 10),
    notional_currency_leg1: 'KRW',
    notional_currency_leg2: null,
    fixed_rate_leg1: 0.0325 + ((i % 7) - 3) * 0.00002,
    price: null,
    spread: null,
    executionMs: startMs + i * 20_000,
    effective_date: '2026-11-18',
    expiration_date: '2031-11-18',
    counterparty_1: BANK_LEI,
    counterparty_2: `DEALER${i % 8}`,
    counterparty_2_id_type: 'CLIENT',
    cleared: 'N',
    desk: 'IRS',
    trader_id: `T${i % 4}`,
  }));
}

/**
 * A small but real champion: an Isolation Forest fitted on `trades`, exported as the ensemble ONNX file with its
 * manifest and feature reference in the artefact store, registered and promoted — what weekly training would
 * leave behind, in a second instead of minutes.
 */
export async function installTinyChampion(
  db: Db,
  modelsDir: string,
  options: { version: string; trades: FeatureTrade[]; threshold?: number },
): Promise<void> {
  const reference = fitFeatureReference(options.trades);
  const x = extractFeatures(options.trades, reference);
  const scaler = fitMinMaxScaler(x);
  const forest = IsolationForest.fit(applyMinMaxScaler(scaler, x), { seed: 7, nTrees: 50 });
  const state = forest.toState();
  const normaliser = fitScoreNormaliser('robust-z', forest.score(applyMinMaxScaler(scaler, x))) as Extract<
    ReturnType<typeof fitScoreNormaliser>,
    { kind: 'robust-z' }
  >;
  const threshold = options.threshold ?? 4;
  const spec: EnsembleSpec = {
    members: [{ kind: 'iforest', weight: 1, normaliser, threshold }],
    dropped: [],
    lowestPerformer: 'iforest',
    policy: 'weighted',
    threshold,
    floor: 0.5,
  };
  const onnx = exportEnsembleOnnx({
    spec,
    scaler,
    version: options.version,
    detectors: { iforest: DETECTOR_ADAPTERS.iforest.addNodes(state) },
  });
  const store = new ArtefactStore(modelsDir);
  const manifest = { spec, scaler, featureNames: [...FEATURE_NAMES], states: { iforest: state } };
  const stored = await store.writeVersion(options.version, { onnx, manifest, reference });
  await registerModelVersion(db.kysely, {
    version: options.version,
    trainingWeek: '2026-W47',
    trainingFrom: new Date(options.trades[0]!.executionMs),
    trainingTo: new Date(options.trades.at(-1)!.executionMs),
    sampleSize: options.trades.length,
    holdoutSize: 0,
    metrics: {},
    ensemble: spec as unknown as Record<string, unknown>,
    featureSchema: [...FEATURE_NAMES],
    featureReference: reference,
    drift: null,
    onnxPath: stored.path,
    onnxSha256: stored.sha256,
    workflowId: 'test',
  });
  await promoteModelVersion(db.kysely, { version: options.version, reason: 'test', actor: 'test', at: new Date() });
}

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ChampionModel } from '../../../activities/detection/scoring/champion-model';
import { scoreTrades } from '../../../activities/detection/scoring/score-trades';
import { applyMinMaxScaler, fitMinMaxScaler } from '../../../activities/models/data/minmax-scaler';
import type { EnsembleSpec } from '../../../activities/models/ensemble/ensemble-spec';
import { exportEnsembleOnnx } from '../../../activities/models/ensemble/export-ensemble-onnx';
import { FEATURE_NAMES, extractFeatures, fitFeatureReference } from '../../../activities/models/features';
import { IsolationForest } from '../../../activities/models/iforest/isolation-forest';
import { fitScoreNormaliser } from '../../../activities/models/metrics/normalise-scores';
import { EnsembleWorker } from '../../../activities/models/scoring/ensemble-worker';
import { openSession } from '../../../activities/models/scoring/onnx-session';
import { scoreEnsemble } from '../../../activities/models/scoring/score-ensemble';
import { DETECTOR_ADAPTERS } from '../../../activities/models/training/detector-adapters';
import { parseRuleSet, DEFAULT_RULE_SET } from '../../../schemas/detection/rule-set';
import { ordinaryTrades } from '../../support/tiny-champion';

// A large batch scores its ONNX on a worker thread; it must give exactly what the in-thread session gives.
const training = ordinaryTrades(300);
const reference = fitFeatureReference(training);
const x = extractFeatures(training, reference);
const scaler = fitMinMaxScaler(x);
const forest = IsolationForest.fit(applyMinMaxScaler(scaler, x), { seed: 7, nTrees: 20 });
const normaliser = fitScoreNormaliser('robust-z', forest.score(applyMinMaxScaler(scaler, x))) as Extract<
  ReturnType<typeof fitScoreNormaliser>,
  { kind: 'robust-z' }
>;
const spec: EnsembleSpec = {
  members: [{ kind: 'iforest', weight: 1, normaliser, threshold: 4 }],
  dropped: [],
  lowestPerformer: 'iforest',
  policy: 'weighted',
  threshold: 4,
  floor: 0.5,
};
const onnx = exportEnsembleOnnx({
  spec,
  scaler,
  version: 'worker-test',
  detectors: { iforest: DETECTOR_ADAPTERS.iforest.addNodes(forest.toState()) },
});
const opened = await openSession(onnx, 'cpu');
const champion: ChampionModel = {
  version: 'worker-test',
  session: opened.session,
  provider: opened.provider,
  spec,
  scaler,
  featureNames: [...FEATURE_NAMES],
  states: { iforest: forest.toState() },
  reference,
};
// A day of the same flow, every 500th trade with a hundredfold notional.
const day = ordinaryTrades(25_000, Date.parse('2026-11-17T00:00:00+09:00')).map((t, i) =>
  i % 500 === 7 ? { ...t, notional_leg1: t.notional_leg1 * 100 } : t,
);
const rules = parseRuleSet(DEFAULT_RULE_SET);

after(() => opened.session.release());

describe('ensemble scoring on a worker thread', () => {
  it('gives the in-thread session scores row for row', async () => {
    const features = extractFeatures(day, reference);
    const inThread = await scoreEnsemble(champion.session, features);
    const onWorker = await new EnsembleWorker().score('k', onnx, features);
    assert.equal(onWorker.memberCount, inThread.memberCount);
    assert.deepEqual(onWorker.score, inThread.score);
    assert.deepEqual(onWorker.members, inThread.members);
  });

  it('scores a large batch as the in-thread path does, anomalies included', async () => {
    const withWorker = await scoreTrades({
      targets: day.slice(),
      context: [],
      champion: { ...champion, onnx },
      rules,
      decision: { policy: 'weighted' },
    });
    const inThread = await scoreTrades({
      targets: day.slice(),
      context: [],
      champion,
      rules,
      decision: { policy: 'weighted' },
    });
    assert.deepEqual(withWorker, inThread);
    // Not a trivial comparison: the planted trades are there, and the model flags many of them.
    const anomalies = withWorker.filter((s) => s.isAnomaly).length;
    const flagged = withWorker.filter((s) => s.modelsFlagged).length;
    assert.ok(anomalies >= 50, `the 50 hundredfold notionals are anomalies (${anomalies})`);
    assert.ok(flagged >= 20, `the model flags many of them (${flagged})`);
  });
});

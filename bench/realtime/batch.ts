import os from 'node:os';
import { evaluateRules } from '../../activities/detection/rules/evaluate-rules';
import { DEFAULT_RULE_SET, parseRuleSet } from '../../schemas/detection/rule-set';
import { scoreTrades } from '../../activities/detection/scoring/score-trades';
import { extractFeatures, fromTradeRecord, FEATURE_NAMES, type FeatureTrade } from '../../activities/models/features';
import { addMinMaxScalerNodes, toFloat32 } from '../../activities/models/data';
import { DETECTOR_KINDS } from '../../activities/models/ensemble/ensemble-spec';
import { GraphBuilder } from '../../activities/models/onnx';
import { openSession } from '../../activities/models/scoring/onnx-session';
import { DETECTOR_ADAPTERS } from '../../activities/models/training/detector-adapters';
import { Tensor } from 'onnxruntime-node';
import { scoreEnsemble } from '../../activities/models/scoring/score-ensemble';
import { eventKeyOf } from '../../activities/ingest/event-key';
import { generateTradeRows } from '../../client/generate';
import type { TradeRecord } from '../../schemas/trade/fields';
import { validateTrade } from '../../schemas/trade/validate-trade';
import { trainChampionArtefacts } from './champion';

// bench/realtime batch part alone, in memory (no servers): trains a champion on a generated day, then scores
// another day with scoreTrades and times features, rules and the ONNX run each alone. Usage:
// npm run bench:batch -- [batchRows] [repeats]
const batchRows = Number(process.argv[2] ?? 200_000);
const repeats = Number(process.argv[3] ?? 2);
const DATE = '2026-11-18';
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function generatedDay(rows: number, seed: number) {
  const nowMs = Date.parse(`${DATE}T00:00:00+09:00`) + 3 * 86_400_000;
  const out: { record: TradeRecord; anomaly: boolean }[] = [];
  for (const { row, label } of generateTradeRows({ date: DATE, rows, seed, anomalyRate: 0.01 })) {
    const result = validateTrade(row, nowMs);
    if (result.ok) out.push({ record: result.record, anomaly: label !== 'normal' });
  }
  return out;
}

log('training a champion on 20,000 generated trades');
let at = performance.now();
const context = generatedDay(20_000, 1);
const art = await trainChampionArtefacts({
  version: 'bench-1',
  trades: context.map((c) => fromTradeRecord(c.record, eventKeyOf(c.record))),
  labels: context.map((c) => c.anomaly),
});
const trainingSeconds = (performance.now() - at) / 1000;
const opened = await openSession(art.onnx, 'cpu');
const champion = {
  version: 'bench-1',
  session: opened.session,
  provider: opened.provider,
  spec: art.spec,
  scaler: art.scaler,
  featureNames: [...FEATURE_NAMES],
  states: art.states,
  reference: art.reference,
  onnx: art.onnx,
};
const rules = parseRuleSet(DEFAULT_RULE_SET);
const day: FeatureTrade[] = generatedDay(batchRows, 3).map((d, i) => fromTradeRecord(d.record, `k${i}`));
log(`scoring ${day.length} trades ${repeats}×`);
const runs = [];
for (let r = 0; r < repeats; r++) {
  // Fresh trade objects per run, as a batch loaded from the database has: what is memoised per trade object or per
  // array (facts, indexes) must not carry over from the run before.
  const targets = day.map((t) => ({ ...t }));
  at = performance.now();
  const scored = await scoreTrades({
    targets,
    context: [],
    champion,
    rules,
    decision: { policy: 'weighted' },
  });
  const seconds = (performance.now() - at) / 1000;
  const fresh = day.map((t) => ({ ...t }));
  at = performance.now();
  const features = extractFeatures(fresh, champion.reference);
  const featuresSeconds = (performance.now() - at) / 1000;
  at = performance.now();
  const copy = fresh.slice();
  evaluateRules({ targets: copy, population: copy, reference: champion.reference, rules });
  const rulesSeconds = (performance.now() - at) / 1000;
  at = performance.now();
  await scoreEnsemble(champion.session, features);
  const onnxSeconds = (performance.now() - at) / 1000;
  runs.push({
    seconds: +seconds.toFixed(2),
    tradesPerSecond: Math.round(day.length / seconds),
    anomalies: scored.filter((s) => s.isAnomaly).length,
    featuresSeconds: +featuresSeconds.toFixed(2),
    rulesSeconds: +rulesSeconds.toFixed(2),
    onnxSeconds: +onnxSeconds.toFixed(2),
  });
}
await opened.session.release();

// Each member alone (scaler + member) over the same features, one run per member: where the ONNX time goes.
const memberOnnxSeconds: Record<string, number> = {};
const features = extractFeatures(day.slice(), champion.reference);
const input = new Tensor('float32', toFloat32(features), [features.rows, features.cols]);
for (const kind of DETECTOR_KINDS) {
  const g = new GraphBuilder(`bench_${kind}`);
  g.input('X', [null, features.cols]);
  addMinMaxScalerNodes(g, art.scaler, 'X', 'scaled');
  DETECTOR_ADAPTERS[kind].addNodes(art.states[kind])(g, 'scaled', 'score');
  g.output('score', [null, 1]);
  const member = await openSession(g.toModel({ opsets: { '': 17, 'ai.onnx.ml': 3 } }), 'cpu');
  at = performance.now();
  await member.session.run({ X: input });
  memberOnnxSeconds[kind] = +((performance.now() - at) / 1000).toFixed(2);
  await member.session.release();
}
const report = {
  machine: `${os.availableParallelism()} cores, shared with other work while measuring`,
  trainingSeconds: +trainingSeconds.toFixed(1),
  ocsvmSupportVectors: (art.states.ocsvm as { coefficients: unknown[] }).coefficients.length,
  holdoutAuc: art.holdoutAuc,
  weights: Object.fromEntries(art.spec.members.map((m) => [m.kind, +m.weight.toFixed(3)])),
  trades: day.length,
  runs,
  memberOnnxSeconds,
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');

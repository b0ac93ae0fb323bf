import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  applyMinMaxScaler,
  fitMinMaxScaler,
  loadNumericCsv,
  splitDataset,
  writeNumericCsv,
  type LabelledDataset,
} from '../../activities/models/data/index';
import { IsolationForest } from '../../activities/models/iforest/index';
import { runOurs, type OursResult } from './ours-runner';
import { checkTargets, formatTable, summarise } from './report';
import { ensureVenv, runSklearn, type SklearnJob } from './sklearn-runner';
import { syntheticDataset } from './synthetic-data';

// bench/models: our Isolation Forest (TypeScript training, ONNX scoring in onnxruntime-node) next to
// scikit-learn's IsolationForest on identical MinMax-scaled 70/30 stratified splits, in one run.
// Usage: npx tsx bench/models/main.ts [syntheticRows=100000]. JSON report on stdout, table and progress on stderr.
const syntheticRows = Number(process.argv[2] ?? 100_000);
const adbench = path.join(import.meta.dirname, '../../../shared/data/adbench');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const scratch = await mkdtemp(path.join(os.tmpdir(), 'swap-bench-models-'));

interface Dataset {
  readonly name: string;
  readonly data: LabelledDataset;
  readonly seeds: readonly number[];
  readonly published: number | null;
}

try {
  const syntheticCsv = path.join(scratch, 'synthetic.csv');
  await writeNumericCsv(syntheticCsv, syntheticDataset(syntheticRows, 20, 2026));
  const datasets: Dataset[] = [
    {
      name: 'cardio',
      data: await loadNumericCsv(path.join(adbench, 'cardio.csv')),
      seeds: [1, 2, 3, 4, 5],
      published: 0.9319,
    },
    {
      name: 'thyroid',
      data: await loadNumericCsv(path.join(adbench, 'thyroid.csv')),
      seeds: [1, 2, 3, 4, 5],
      published: 0.983,
    },
    { name: 'synthetic', data: await loadNumericCsv(syntheticCsv), seeds: [1, 2, 3], published: null },
  ];
  IsolationForest.fit(datasets[0]!.data.x, { seed: 0 }); // warm-up, so the first timed fit is not a JIT outlier

  const ours = new Map<string, OursResult[]>();
  const jobs: SklearnJob[] = [];
  for (const { name, data, seeds } of datasets) {
    for (const seed of seeds) {
      const { train, test } = splitDataset(data, { seed, testFraction: 0.3 });
      const scaler = fitMinMaxScaler(train.x);
      const scaled = (d: LabelledDataset) => ({ ...d, x: applyMinMaxScaler(scaler, d.x) });
      const [trainScaled, testScaled] = [scaled(train), scaled(test)];
      const files = {
        train: path.join(scratch, `${name}-${seed}-train.csv`),
        test: path.join(scratch, `${name}-${seed}-test.csv`),
      };
      await Promise.all([writeNumericCsv(files.train, trainScaled), writeNumericCsv(files.test, testScaled)]);
      jobs.push({ name, seed, ...files });
      const result = await runOurs(trainScaled, testScaled, seed);
      ours.set(name, [...(ours.get(name) ?? []), result]);
      log(
        `${name} seed ${seed}: ours AUC ${result.rocAuc.toFixed(4)}, fit ${(result.fitSeconds * 1000).toFixed(1)} ms`,
      );
    }
  }

  const python = ensureVenv();
  const sklearn = python ? await runSklearn(python, jobs, scratch) : null;
  const summaries = datasets.map(({ name, data, published }) =>
    summarise(
      name,
      { rows: data.x.rows, cols: data.x.cols },
      ours.get(name) ?? [],
      sklearn ? sklearn.results.filter((r) => r.name === name) : null,
      published,
    ),
  );
  const report = {
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      sklearn: sklearn?.sklearn ?? null,
      numpy: sklearn?.numpy ?? null,
    },
    protocol: 'stratified 70/30 split per seed, MinMax fit on train, fit on train (unsupervised), ROC AUC on test',
    datasets: summaries.map((s) => ({ ...s, targets: checkTargets(s) })),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.stderr.write('\n' + formatTable(summaries) + '\n');
  if (!sklearn) process.stderr.write('\nscikit-learn side skipped: see the message above.\n');
} finally {
  await rm(scratch, { recursive: true, force: true });
}

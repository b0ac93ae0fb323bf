import { toFloat32, type LabelledDataset } from '../../activities/models/data/index';
import { IsolationForest } from '../../activities/models/iforest/index';
import { rocAuc } from '../../activities/models/metrics/index';
import { openOnnxSession, scoreInChunks, type OnnxSessionOptions } from '../../activities/models/onnx/index';

export interface OursResult {
  readonly fitSeconds: number;
  readonly onnxRowsPerSecond: number;
  readonly onnxRowsPerSecond1Thread: number;
  readonly tsRowsPerSecond: number;
  readonly rocAuc: number;
  readonly maxOnnxVsTs: number;
}

const MIN_TIMING_SECONDS = 0.5; // as in sklearn_iforest.py

async function rowsPerSecond(rows: number, once: () => unknown): Promise<number> {
  await once(); // warm-up: first-run allocations and JIT stay out of the rate
  const start = performance.now();
  for (let repeats = 1; ; repeats++) {
    await once();
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= MIN_TIMING_SECONDS) return (repeats * rows) / elapsed;
  }
}

async function onnxRate(model: Uint8Array, x: Float32Array, cols: number, options: OnnxSessionOptions) {
  const session = await openOnnxSession(model, options);
  try {
    const scores = await scoreInChunks(session, x, cols);
    const rate = await rowsPerSecond(x.length / cols, () => scoreInChunks(session, x, cols));
    return { scores, rate };
  } finally {
    await session.release();
  }
}

/** Our forest on an already-scaled split: fit, export, score in onnxruntime-node and in TypeScript. */
export async function runOurs(train: LabelledDataset, test: LabelledDataset, seed: number): Promise<OursResult> {
  const start = performance.now();
  const forest = IsolationForest.fit(train.x, { seed });
  const fitSeconds = (performance.now() - start) / 1000;
  const model = forest.toOnnx();
  const x = toFloat32(test.x);
  const all = await onnxRate(model, x, test.x.cols, {});
  const single = await onnxRate(model, x, test.x.cols, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const ts = forest.score(x);
  let maxOnnxVsTs = 0;
  for (let i = 0; i < ts.length; i++) maxOnnxVsTs = Math.max(maxOnnxVsTs, Math.abs(ts[i]! - all.scores[i]!));
  return {
    fitSeconds,
    onnxRowsPerSecond: all.rate,
    onnxRowsPerSecond1Thread: single.rate,
    tsRowsPerSecond: await rowsPerSecond(test.x.rows, () => forest.score(x)),
    rocAuc: rocAuc(all.scores, test.y),
    maxOnnxVsTs,
  };
}

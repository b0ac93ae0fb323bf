import { parentPort } from 'node:worker_threads';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { ENSEMBLE_INPUT, ENSEMBLE_OUTPUTS } from '../ensemble/export-ensemble-onnx';
import type { EnsembleJob, EnsembleJobScores } from './ensemble-worker';

// The worker side of EnsembleWorker: one CPU session per model key, jobs run one after another.
let current: { key: string; session: Promise<InferenceSession> } | null = null;
let queue: Promise<void> = Promise.resolve();

async function run(job: EnsembleJob): Promise<EnsembleJobScores> {
  if (current?.key !== job.key) {
    if (!job.model) throw new Error(`ensemble worker has no model for ${job.key}`);
    const previous = current;
    current = {
      key: job.key,
      session: InferenceSession.create(job.model, { executionProviders: ['cpu'], intraOpNumThreads: 1 }),
    };
    await (await previous?.session)?.release();
  }
  const session = await current.session;
  const out = await session.run({ [ENSEMBLE_INPUT]: new Tensor('float32', job.input, [job.rows, job.cols]) });
  const score = out[ENSEMBLE_OUTPUTS.score];
  const members = out[ENSEMBLE_OUTPUTS.members];
  if (!score || !members) throw new Error('ensemble model lacks its score or member_scores output');
  return {
    id: job.id,
    score: Float32Array.from(score.data as Float32Array),
    members: Float32Array.from(members.data as Float32Array),
    memberCount: Number(members.dims[1] ?? 0),
  };
}

parentPort!.on('message', (job: EnsembleJob) => {
  queue = queue.then(async () => {
    try {
      const result = await run(job);
      parentPort!.postMessage(result, [result.score.buffer, result.members.buffer]);
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});

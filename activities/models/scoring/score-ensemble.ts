import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import type { Matrix } from '../data/matrix';
import { ENSEMBLE_INPUT, ENSEMBLE_OUTPUTS } from '../ensemble/export-ensemble-onnx';

export interface EnsembleScores {
  score: Float64Array;
  /** rows × members, normalised member scores in the model's member order. */
  members: Float64Array;
  memberCount: number;
}

/**
 * Scores raw feature rows with an ensemble ONNX session, in chunks: `session.run` blocks the event loop for the whole
 * call, so between chunks the loop gets a turn (heartbeats, HTTP) and `onChunk` can report progress.
 */
export async function scoreEnsemble(
  session: InferenceSession,
  x: Matrix,
  options: { chunkRows?: number; onChunk?: (rowsDone: number) => void | Promise<void> } = {},
): Promise<EnsembleScores> {
  const chunkRows = Math.max(1, options.chunkRows ?? 8192);
  const score = new Float64Array(x.rows);
  let members = new Float64Array(0);
  let memberCount = 0;
  for (let start = 0; start < x.rows; start += chunkRows) {
    const end = Math.min(x.rows, start + chunkRows);
    const input = Float32Array.from(x.data.subarray(start * x.cols, end * x.cols));
    const out = await session.run({ [ENSEMBLE_INPUT]: new Tensor('float32', input, [end - start, x.cols]) });
    const s = out[ENSEMBLE_OUTPUTS.score];
    const m = out[ENSEMBLE_OUTPUTS.members];
    if (!s || !m) throw new Error('ensemble model lacks its score or member_scores output');
    score.set(s.data as Float32Array, start);
    if (memberCount === 0) {
      memberCount = Number(m.dims[1] ?? 0);
      members = new Float64Array(x.rows * memberCount);
    }
    members.set(m.data as Float32Array, start * memberCount);
    await options.onChunk?.(end);
    await yieldToEventLoop();
  }
  return { score, members, memberCount };
}

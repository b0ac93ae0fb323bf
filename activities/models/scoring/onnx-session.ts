import { InferenceSession } from 'onnxruntime-node';

export type ExecutionProvider = 'cuda' | 'cpu';

export interface OpenedSession {
  session: InferenceSession;
  /** The provider the session really runs on. */
  provider: ExecutionProvider;
  /** Why the preferred provider was not used, when it was not. */
  fallbackReason?: string;
}

/**
 * One intra-op thread on CPU: parallelism comes from concurrent chunks, workers and the batch's worker thread, and on
 * a busy machine onnxruntime's own thread pool spins against them — the forest ran 200k rows in ~1 s with one thread
 * against 2.4–4.6 s with the default pool on the shared 2-core bench machine (on a quiet moment the pool was faster).
 */
const CPU_OPTIONS: InferenceSession.SessionOptions = { executionProviders: ['cpu'], intraOpNumThreads: 1 };

/**
 * Opens an ONNX session on the preferred provider. onnxruntime-node throws (rather than falling back) when CUDA's
 * libraries are missing, so a CUDA attempt that fails opens a CPU session and says why.
 */
export async function openSession(model: Uint8Array, preferred: ExecutionProvider): Promise<OpenedSession> {
  if (preferred === 'cuda') {
    try {
      return { session: await InferenceSession.create(model, { executionProviders: ['cuda'] }), provider: 'cuda' };
    } catch (error) {
      const session = await InferenceSession.create(model, CPU_OPTIONS);
      return { session, provider: 'cpu', fallbackReason: error instanceof Error ? error.message : String(error) };
    }
  }
  return { session: await InferenceSession.create(model, CPU_OPTIONS), provider: 'cpu' };
}

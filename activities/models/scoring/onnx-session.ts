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
 * Opens an ONNX session on the preferred provider. onnxruntime-node throws (rather than falling back) when CUDA's
 * libraries are missing, so a CUDA attempt that fails opens a CPU session and says why.
 */
export async function openSession(model: Uint8Array, preferred: ExecutionProvider): Promise<OpenedSession> {
  if (preferred === 'cuda') {
    try {
      return { session: await InferenceSession.create(model, { executionProviders: ['cuda'] }), provider: 'cuda' };
    } catch (error) {
      const session = await InferenceSession.create(model, { executionProviders: ['cpu'] });
      return { session, provider: 'cpu', fallbackReason: error instanceof Error ? error.message : String(error) };
    }
  }
  return { session: await InferenceSession.create(model, { executionProviders: ['cpu'] }), provider: 'cpu' };
}

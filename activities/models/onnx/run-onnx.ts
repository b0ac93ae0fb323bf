import { InferenceSession, Tensor } from 'onnxruntime-node';

export type OnnxSession = InferenceSession;
export type OnnxTensorData = Float32Array | Float64Array | BigInt64Array | Int32Array;

export interface OnnxTensorInput {
  readonly data: OnnxTensorData;
  readonly dims: readonly number[];
}

export interface OnnxTensorOutput {
  readonly data: Tensor['data'];
  readonly dims: readonly number[];
}

export type OnnxSessionOptions = InferenceSession.SessionOptions;

/** Opens a CPU (or caller-chosen provider) session on serialised model bytes. */
export async function openOnnxSession(model: Uint8Array, options: OnnxSessionOptions = {}): Promise<InferenceSession> {
  return InferenceSession.create(model, options);
}

function toTensor(input: OnnxTensorInput): Tensor {
  const dims = [...input.dims];
  if (input.data instanceof Float32Array) return new Tensor('float32', input.data, dims);
  if (input.data instanceof Float64Array) return new Tensor('float64', input.data, dims);
  if (input.data instanceof BigInt64Array) return new Tensor('int64', input.data, dims);
  return new Tensor('int32', input.data, dims);
}

/**
 * Runs a model once. Given bytes it opens a session and releases it afterwards; pass an open session to reuse it.
 * Note: `session.run` blocks the event loop for the whole call — use `scoreInChunks` for large inputs.
 */
export async function runOnnx(
  model: Uint8Array | InferenceSession,
  feeds: Readonly<Record<string, OnnxTensorInput>>,
): Promise<Record<string, OnnxTensorOutput>> {
  const session = model instanceof Uint8Array ? await openOnnxSession(model) : model;
  try {
    const tensors = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, toTensor(t)]));
    const results = await session.run(tensors);
    return Object.fromEntries(Object.entries(results).map(([name, t]) => [name, { data: t.data, dims: t.dims }]));
  } finally {
    if (model instanceof Uint8Array) await session.release();
  }
}

export interface ScoreInChunksOptions {
  /** Defaults to the session's first input / output. */
  readonly inputName?: string;
  readonly outputName?: string;
  /** Rows per `session.run`; bounds how long the event loop is blocked at a time. Default 16384. */
  readonly chunkRows?: number;
  /** Called after every chunk (e.g. to heartbeat); awaited before the next chunk. */
  readonly onChunk?: (rowsDone: number, rowsTotal: number) => void | Promise<void>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Scores a row-major float matrix (`rows × cols`) whose model has one float input [N, cols] and one float output
 * with N rows ([N] or [N, 1]); returns one value per row. Yields to the event loop between chunks so heartbeats,
 * HTTP and timers keep flowing.
 */
export async function scoreInChunks(
  session: InferenceSession,
  x: Float32Array,
  cols: number,
  options: ScoreInChunksOptions = {},
): Promise<Float32Array> {
  const inputName = options.inputName ?? session.inputNames[0];
  const outputName = options.outputName ?? session.outputNames[0];
  if (inputName === undefined || outputName === undefined) throw new Error('model has no input or output');
  const rows = x.length / cols;
  if (!Number.isInteger(rows)) throw new Error(`input length ${x.length} is not a multiple of ${cols} columns`);
  const chunkRows = Math.max(1, options.chunkRows ?? 16_384);
  const out = new Float32Array(rows);
  for (let start = 0; start < rows; start += chunkRows) {
    const end = Math.min(rows, start + chunkRows);
    const input = new Tensor('float32', x.subarray(start * cols, end * cols), [end - start, cols]);
    const result = await session.run({ [inputName]: input });
    const data = result[outputName]?.data;
    if (!(data instanceof Float32Array) || data.length !== end - start) {
      throw new Error(`output "${outputName}" is not one float per row`);
    }
    out.set(data, start);
    await options.onChunk?.(end, rows);
    if (end < rows) await yieldToEventLoop();
  }
  return out;
}

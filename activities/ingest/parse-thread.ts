import { parentPort } from 'node:worker_threads';
import { ChunkPreparer, FileProblem, type PrepareOptions, type PreparedChunk } from './chunk-preparer';
import type { FileEncoding } from './detect-encoding';
import { preparedChunks } from './prepared-chunks';
import { SegmentPool } from './segment-pool';
import type { ReadProgress } from './trade-file-reader';

/** Input of the parse thread. */
export interface ParseThreadInput {
  storedPath: string;
  encoding: FileEncoding;
  prepare: PrepareOptions;
  /** Chunks it may have prepared but not yet seen committed; bounds memory. */
  maxAhead: number;
}

/** From the committing thread: a chunk is in; here are its segment buffers back. */
export interface ParseThreadCredit {
  buffers: ArrayBuffer[];
}

export type ParseThreadMessage =
  | { type: 'chunk'; chunk: PreparedChunk }
  | { type: 'done'; rowsRead: number; blankLines: number }
  | { type: 'fileProblem'; message: string };

// Parsing, validation and COPY formatting run here, on their own core, so the activity's thread stays free to
// stream COPY data, heartbeat and notice cancellation.
const port = parentPort!;
// The input comes as the first message: the thread may have been started before its file was known.
const input = await new Promise<ParseThreadInput>((resolve) => port.once('message', resolve));
let credits = input.maxAhead;
let wake: (() => void) | undefined;
const pool = new SegmentPool();
port.on('message', (message: ParseThreadCredit) => {
  pool.give(message.buffers);
  credits++;
  wake?.();
});

async function send(chunk: PreparedChunk): Promise<void> {
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  // Each segment owns its ArrayBuffer (SegmentWriter), so handing them over moves memory instead of copying it.
  const transfer = [...chunk.good, ...chunk.rejects].map((b) => b.buffer as ArrayBuffer);
  port.postMessage({ type: 'chunk', chunk } satisfies ParseThreadMessage, transfer);
}

const preparer = new ChunkPreparer(input.prepare, pool);
const progress: ReadProgress = { bytesRead: 0 };

try {
  for await (const chunk of preparedChunks(input.storedPath, input.encoding, preparer, progress)) await send(chunk);
  port.postMessage({
    type: 'done',
    rowsRead: preparer.rowsRead,
    blankLines: preparer.blankLines,
  } satisfies ParseThreadMessage);
} catch (error) {
  // Anything else (an I/O error) surfaces as the thread's error, and the activity retries.
  if (!(error instanceof FileProblem)) throw error;
  port.postMessage({ type: 'fileProblem', message: error.message } satisfies ParseThreadMessage);
}
port.close();

import { Worker } from 'node:worker_threads';
import type { ParseThreadInput } from './parse-thread';

// A plain-JavaScript entry that loads the TypeScript thread code, however this process itself was started.
const PARSE_THREAD = new URL('./parse-thread-entry.mjs', import.meta.url);

let warm: Worker | undefined;

function newThread(): Worker {
  // A roomy young generation for text-path files (CP949, UTF-16), whose record batches would otherwise be promoted.
  return new Worker(PARSE_THREAD, { resourceLimits: { maxYoungGenerationSizeMb: 48 } });
}

/**
 * Starts one parse thread ahead of need, idle until a file comes: loading its code takes about 0.3 s, which then
 * stays off the file's critical path. One is what a file load needs first; further threads start on demand.
 * It does not keep the process alive.
 */
export function prestartParseThread(): void {
  if (warm) return;
  const thread = newThread();
  thread.unref();
  const discard = () => {
    if (warm === thread) warm = undefined;
  };
  thread.once('error', discard);
  thread.once('exit', discard);
  warm = thread;
}

/** A parse thread working on `input`: the prestarted one when there is one. */
export function startParseThread(input: ParseThreadInput): Worker {
  let thread = warm;
  warm = undefined;
  if (thread) {
    thread.removeAllListeners('error');
    thread.removeAllListeners('exit');
    thread.ref();
  } else {
    thread = newThread();
  }
  thread.postMessage(input);
  return thread;
}

/** Ends the idle prestarted thread (worker shutdown), so none is left loading while the process exits. */
export async function stopPrestartedParseThread(): Promise<void> {
  const thread = warm;
  warm = undefined;
  if (thread) await thread.terminate();
}

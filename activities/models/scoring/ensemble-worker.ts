import { Worker } from 'node:worker_threads';
import type { Matrix } from '../data/matrix';
import type { EnsembleScores } from './score-ensemble';

export interface EnsembleJob {
  id: number;
  /** Identifies the model: the worker opens a session only when it changes. */
  key: string;
  /** The model's bytes, sent only with a worker's first job of a key (a copy per job cost more than its rows). */
  model?: Uint8Array;
  input: Float32Array;
  rows: number;
  cols: number;
}

export interface EnsembleJobScores {
  id: number;
  score: Float32Array<ArrayBuffer>;
  members: Float32Array<ArrayBuffer>;
  memberCount: number;
}

export type EnsembleJobResult = EnsembleJobScores | { id: number; error: string };

/**
 * Runs an ensemble ONNX model on a worker thread, so a large batch's ONNX run overlaps the rules on the main thread
 * (onnxruntime-node's `run` blocks the thread that calls it) and the event loop keeps serving heartbeats meanwhile.
 * The thread is started on first use and does not keep the process alive.
 */
export class EnsembleWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  /** The model key whose bytes this thread has. */
  private sentKey: string | null = null;
  private readonly pending = new Map<number, { resolve: (s: EnsembleScores) => void; reject: (e: Error) => void }>();

  /** Jobs sent and not answered yet. */
  get load(): number {
    return this.pending.size;
  }

  score(key: string, model: Uint8Array, x: Matrix): Promise<EnsembleScores> {
    const worker = this.start();
    const id = this.nextId++;
    const input = Float32Array.from(x.data);
    return new Promise<EnsembleScores>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      const job: EnsembleJob = { id, key, input, rows: x.rows, cols: x.cols };
      if (this.sentKey !== key) [job.model, this.sentKey] = [model, key];
      worker.postMessage(job, [input.buffer]);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The thread's module is TypeScript like the rest: it registers tsx first, as the main thread was started with.
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const thread = JSON.stringify(new URL('./ensemble-worker-thread.ts', import.meta.url).href);
    const worker = new Worker(`import(${tsx}).then((api) => { api.register(); return import(${thread}); });`, {
      eval: true,
    });
    worker.unref();
    worker.on('message', (result: EnsembleJobResult) => {
      const waiting = this.pending.get(result.id);
      this.pending.delete(result.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if ('error' in result) waiting.reject(new Error(result.error));
      else {
        waiting.resolve({
          score: Float64Array.from(result.score),
          members: Float64Array.from(result.members),
          memberCount: result.memberCount,
        });
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`ensemble worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  /** A dead worker fails what it held; the next call starts a new one. */
  private fail(error: Error): void {
    this.worker = null;
    this.sentKey = null;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * Several ensemble worker threads, each job going to the least busy: a large batch sends its rows in chunks as
 * their features are ready, so the threads score while the main thread computes the next chunk and the rules.
 */
export class EnsembleWorkerPool {
  private readonly workers: EnsembleWorker[];

  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new EnsembleWorker());
  }

  score(key: string, model: Uint8Array, x: Matrix): Promise<EnsembleScores> {
    const idlest = this.workers.reduce((a, b) => (b.load < a.load ? b : a));
    return idlest.score(key, model, x);
  }
}

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SheetRow } from './report-layout';
import { columnLetters, rowXml } from './sheet-row-xml';
import type { XlsxThreadMessage, XlsxThreadReply } from './xlsx-thread';

const ENTRY = path.join(import.meta.dirname, 'xlsx-thread-entry.mjs');
const BATCH_ROWS = 1000;
/** Batches in flight to the thread: bounds memory when the xlsx falls behind the machine file. */
const MAX_IN_FLIGHT = 8;

/**
 * The xlsx, written by exceljs's streaming writer on its own thread: this side renders the Data rows' XML (with
 * the machine file, hashing and the database stream), the thread deflates them into the workbook.
 */
export class XlsxWriter {
  private readonly worker: Worker;
  private batch = '';
  private batchRows = 0;
  private nextRow = 2;
  private readonly letters: string[];
  private inFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private done: Promise<void>;

  constructor(filename: string, columns: string[]) {
    this.worker = new Worker(ENTRY, { workerData: { filename, columns } });
    this.letters = columnLetters(columns.length);
    let resolveDone!: () => void;
    let rejectDone!: (error: Error) => void;
    this.done = new Promise((resolve, reject) => ((resolveDone = resolve), (rejectDone = reject)));
    this.done.catch(() => undefined);
    const fail = (error: Error) => {
      this.failure = error;
      rejectDone(error);
      this.wake?.();
    };
    this.worker.on('message', (reply: XlsxThreadReply) => {
      if (reply.type === 'ack') {
        this.inFlight--;
        this.wake?.();
      } else if (reply.type === 'done') resolveDone();
      else fail(new Error(`xlsx thread: ${reply.message}`));
    });
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => code !== 0 && fail(new Error(`xlsx thread exited with ${code}`)));
  }

  /** Queues a row; returns a promise (to await) only when a batch is handed to the thread. */
  addRow(row: (string | number | null)[]): Promise<void> | undefined {
    this.batch += rowXml(this.nextRow++, row, this.letters);
    return ++this.batchRows >= BATCH_ROWS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
    if (this.batchRows === 0) return;
    this.inFlight++;
    this.worker.postMessage({ type: 'rows', xml: this.batch } satisfies XlsxThreadMessage);
    this.batch = '';
    this.batchRows = 0;
  }

  /** Writes the summary sheets and the header block, closes the workbook and ends the thread. */
  async finish(sheets: { name: string; rows: SheetRow[] }[], header: [string, string | number][]): Promise<void> {
    await this.flush();
    this.worker.postMessage({ type: 'finish', sheets, header } satisfies XlsxThreadMessage);
    try {
      await this.done;
    } finally {
      await this.worker.terminate();
    }
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}

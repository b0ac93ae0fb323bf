import { rejectCopyLine, tradeCopyPrefix, tradeCopyText } from './copy-text';
import type { CsvRecord } from './csv-record-splitter';
import { recordEvaluator } from './evaluate-record';
import { SegmentWriter } from './segment-writer';
import { checkHeader } from './trade-file-header';

/** A problem with the file itself (no usable header): retrying cannot fix it. */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
}

/** One chunk ready for the database: COPY text (UTF-8 segments) for good rows and for rejected rows. */
export interface PreparedChunk {
  fileId: number;
  chunkNo: number;
  firstLine: number;
  lastLine: number;
  rowsRead: number;
  good: Buffer[];
  goodRows: number;
  rejects: Buffer[];
  rejectedRows: number;
  bytesDone: number;
}

export interface PrepareOptions {
  fileId: number;
  chunkRows: number;
  /** Chunks 0…skipThrough were committed by an earlier attempt: count their rows, prepare nothing. */
  skipThrough: number;
  nowMs: number;
  encoding: string;
  /** With several preparers on one file, this one prepares the chunks where chunkNo % stride === offset. */
  stride: number;
  offset: number;
}

/**
 * Turns the file's records, in order, into chunks of `chunkRows` data rows. Chunk boundaries depend only on the
 * file and `chunkRows`, so a resumed attempt finds the same ones. Blank lines are counted, not chunked.
 */
export class ChunkPreparer {
  rowsRead = 0;
  blankLines = 0;
  private evaluate: ((rec: CsvRecord) => ReturnType<ReturnType<typeof recordEvaluator>>) | undefined;
  private chunk:
    | {
        no: number;
        first: number;
        last: number;
        rows: number;
        good: SegmentWriter;
        goodRows: number;
        rejects: SegmentWriter;
        rejected: number;
      }
    | undefined;

  constructor(private readonly options: PrepareOptions) {}

  /** Feeds records; returns the chunks they completed. */
  add(records: CsvRecord[], bytesDone: number): PreparedChunk[] {
    const done: PreparedChunk[] = [];
    const { chunkRows, skipThrough, fileId } = this.options;
    for (const record of records) {
      if (!this.evaluate) {
        const header = checkHeader(record.fields, record.raw);
        if (!header.ok) throw new FileProblem(header.error);
        this.evaluate = recordEvaluator(header.layout, this.options.nowMs, this.options.encoding);
        continue;
      }
      if (record.raw.length === 0 && !record.error) {
        this.blankLines++;
        continue;
      }
      const chunkNo = Math.floor(this.rowsRead / chunkRows);
      this.rowsRead++;
      if (this.chunk && this.chunk.no !== chunkNo) done.push(this.seal(bytesDone));
      if (chunkNo <= skipThrough || chunkNo % this.options.stride !== this.options.offset) continue;
      this.chunk ??= {
        no: chunkNo,
        first: record.line,
        last: record.line,
        rows: 0,
        good: new SegmentWriter(),
        goodRows: 0,
        rejects: new SegmentWriter(),
        rejected: 0,
      };
      const c = this.chunk;
      c.rows++;
      c.last = record.line;
      const outcome = this.evaluate(record);
      if (outcome.ok) {
        c.good.writeHashedLine(tradeCopyPrefix(fileId, record.line), tradeCopyText(outcome.record));
        c.goodRows++;
      } else {
        c.rejects.write(rejectCopyLine(fileId, record.line, record.raw, outcome.reasons));
        c.rejected++;
      }
    }
    return done;
  }

  /** The last, partly filled chunk (if any) once the file has ended. */
  end(bytesDone: number): PreparedChunk[] {
    if (!this.evaluate) throw new FileProblem('the file has no header row');
    return this.chunk ? [this.seal(bytesDone)] : [];
  }

  private seal(bytesDone: number): PreparedChunk {
    const c = this.chunk!;
    this.chunk = undefined;
    return {
      fileId: this.options.fileId,
      chunkNo: c.no,
      firstLine: c.first,
      lastLine: c.last,
      rowsRead: c.rows,
      good: c.good.finish(),
      goodRows: c.goodRows,
      rejects: c.rejects.finish(),
      rejectedRows: c.rejected,
      bytesDone,
    };
  }
}

import { rejectCopyLine, tradeCopyPrefix, tradeCopyText } from './copy-text';
import type { CsvRecord } from './csv-record-splitter';
import { recordEvaluator, type RecordOutcome } from './evaluate-record';
import { fastRowWriter, type FastRowWriter } from './fast-row/fast-trade-row';
import type { SegmentPool } from './segment-pool';
import { SegmentWriter } from './segment-writer';
import { lineRecord } from './utf8-line-splitter';
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

interface OpenChunk {
  no: number;
  first: number;
  last: number;
  rows: number;
  good: SegmentWriter;
  goodRows: number;
  rejects: SegmentWriter;
  rejected: number;
}

/**
 * Turns the file's records, in order, into chunks of `chunkRows` data rows. Chunk boundaries depend only on the
 * file and `chunkRows`, so a resumed attempt finds the same ones. Blank lines are counted, not chunked.
 */
export class ChunkPreparer {
  rowsRead = 0;
  blankLines = 0;
  private evaluate: ((rec: CsvRecord) => RecordOutcome) | undefined;
  private fastRow: FastRowWriter | undefined;
  private chunk: OpenChunk | undefined;
  private done: PreparedChunk[] = [];
  private bytesDone = 0;
  /** `<file id>\t`, the start of every trades COPY line. */
  private readonly prefix: Buffer;

  /** `pool`: segment buffers to reuse, handed back after their chunk was committed. */
  constructor(
    private readonly options: PrepareOptions,
    private readonly pool?: SegmentPool,
  ) {
    this.prefix = Buffer.from(`${options.fileId}\t`, 'latin1');
  }

  /** Bytes of the file read so far; stamped on the chunks completed from now on. */
  setBytesDone(bytes: number): void {
    this.bytesDone = bytes;
  }

  /** Feeds records; returns the chunks they completed. */
  add(records: CsvRecord[], bytesDone: number): PreparedChunk[] {
    this.bytesDone = bytesDone;
    for (const record of records) this.record(record);
    return this.takeDone();
  }

  /** Chunks completed since the last call. */
  takeDone(): PreparedChunk[] {
    const done = this.done;
    this.done = [];
    return done;
  }

  /** One record from the text path. */
  record(record: CsvRecord): void {
    if (!this.evaluate) {
      const header = checkHeader(record.fields, record.raw);
      if (!header.ok) throw new FileProblem(header.error);
      this.evaluate = recordEvaluator(header.layout, this.options.nowMs, this.options.encoding);
      this.fastRow = fastRowWriter(header.layout, this.options.nowMs);
      return;
    }
    if (record.raw.length === 0 && !record.error) {
      this.blankLines++;
      return;
    }
    const c = this.startRow(record.line);
    if (c) this.writeEvaluated(c, record);
  }

  /**
   * One physical line of a UTF-8 file holding no quote, as bytes without its line ending. A valid, canonical row
   * is formatted straight from the bytes; any other goes through the text path's evaluation.
   */
  line(buf: Buffer, start: number, end: number, lineNo: number, quoted: boolean): void {
    if (!this.fastRow || start === end) {
      this.record(lineRecord(buf, start, end, lineNo, quoted));
      return;
    }
    const c = this.startRow(lineNo);
    if (!c) return;
    if (c.good.writeRecordLine(this.prefix, lineNo, buf, start, end, this.fastRow)) {
      c.goodRows++;
    } else {
      this.writeEvaluated(c, lineRecord(buf, start, end, lineNo, quoted));
    }
  }

  /** Counts a data row; returns the chunk it belongs to, or undefined when that chunk is not this preparer's. */
  private startRow(line: number): OpenChunk | undefined {
    const chunkNo = Math.floor(this.rowsRead / this.options.chunkRows);
    this.rowsRead++;
    if (this.chunk && this.chunk.no !== chunkNo) this.done.push(this.seal(this.bytesDone));
    if (chunkNo <= this.options.skipThrough || chunkNo % this.options.stride !== this.options.offset) return undefined;
    this.chunk ??= {
      no: chunkNo,
      first: line,
      last: line,
      rows: 0,
      good: new SegmentWriter(this.pool),
      goodRows: 0,
      rejects: new SegmentWriter(this.pool),
      rejected: 0,
    };
    this.chunk.rows++;
    this.chunk.last = line;
    return this.chunk;
  }

  private writeEvaluated(c: OpenChunk, record: CsvRecord): void {
    const outcome = this.evaluate!(record);
    if (outcome.ok) {
      c.good.writeHashedLine(tradeCopyPrefix(this.options.fileId, record.line), tradeCopyText(outcome.record));
      c.goodRows++;
    } else {
      c.rejects.write(rejectCopyLine(this.options.fileId, record.line, record.raw, outcome.reasons));
      c.rejected++;
    }
  }

  /** The last, partly filled chunk (if any) once the file has ended. */
  end(bytesDone: number): PreparedChunk[] {
    if (!this.evaluate) throw new FileProblem('the file has no header row');
    const done = this.takeDone();
    if (this.chunk) done.push(this.seal(bytesDone));
    return done;
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

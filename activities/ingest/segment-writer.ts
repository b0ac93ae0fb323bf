import { hash } from 'node:crypto';
import { SEGMENT_BYTES, type SegmentPool } from './segment-pool';

const SOURCE_FILE = Buffer.from('\tfile\t', 'latin1');
/** How much longer a record's COPY text may be than its CSV line: \N for each empty or absent column, UTC time. */
export const RECORD_GROWTH = 256;

/** Writes COPY text for the record at src[s, e) into out at `at`; returns the end, or -1 to decline. */
export type RecordBody = (src: Uint8Array, s: number, e: number, out: Uint8Array, at: number) => number;

/** Writes a non-negative integer's decimal digits at `at`; returns the position after them. */
function writeDecimal(out: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  let v = value;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return at + digits;
}

/**
 * Accumulates text as UTF-8 in 1 MB buffers that own their memory, so they can be passed between threads and
 * written to a COPY stream without joining strings.
 */
export class SegmentWriter {
  readonly segments: Buffer[] = [];
  private current: Buffer | undefined;
  private used = 0;

  /** `pool`: where whole segments come from when it has some (see SegmentPool). */
  constructor(private readonly pool?: SegmentPool) {}

  write(text: string): void {
    const buffer = this.reserve(text.length * 3);
    if (!buffer) {
      this.segments.push(Buffer.from(text, 'utf8'));
      return;
    }
    this.used += buffer.write(text, this.used, 'utf8');
  }

  /**
   * Writes `prefix`, `body`, a tab, the md5 of the body's UTF-8 bytes and a newline, all in one segment: the body
   * is encoded once and hashed from the buffer.
   */
  writeHashedLine(prefix: string, body: string): void {
    const room = (prefix.length + body.length) * 3 + 34;
    let buffer = this.reserve(room);
    if (!buffer) {
      this.seal();
      buffer = this.current = Buffer.allocUnsafeSlow(room);
    }
    this.used += buffer.write(prefix, this.used, 'utf8');
    const start = this.used;
    this.used += buffer.write(body, this.used, 'utf8');
    const key = hash('md5', buffer.subarray(start, this.used), 'hex');
    this.used += buffer.write(`\t${key}\n`, this.used, 'latin1');
  }

  /**
   * Writes a trades COPY line straight into the segment: `prefix` (the file id and a tab), the line number, the
   * source, the record text that `body` makes of src[s, e) (writing at `at`, returning where it ended, or -1 to
   * decline; at most `e - s + RECORD_GROWTH` bytes), a tab, the md5 of the record text and a newline. Returns
   * false, having written nothing, when `body` declines or the line might not fit a segment.
   */
  writeRecordLine(prefix: Uint8Array, lineNo: number, src: Uint8Array, s: number, e: number, body: RecordBody) {
    const buffer = this.reserve(prefix.length + SOURCE_FILE.length + e - s + RECORD_GROWTH + 64);
    if (!buffer) return false;
    let o = this.used;
    for (let i = 0; i < prefix.length; i++) buffer[o++] = prefix[i]!;
    o = writeDecimal(buffer, o, lineNo);
    for (let i = 0; i < SOURCE_FILE.length; i++) buffer[o++] = SOURCE_FILE[i]!;
    const start = o;
    const end = body(src, s, e, buffer, start);
    if (end < 0) return false;
    buffer[end] = 9;
    o = end + 1 + buffer.write(hash('md5', buffer.subarray(start, end), 'hex'), end + 1, 'latin1');
    buffer[o++] = 10;
    this.used = o;
    return true;
  }

  /** The filled part of every segment. */
  finish(): Buffer[] {
    this.seal();
    return this.segments;
  }

  /** The current segment with at least `bytes` free, or undefined when `bytes` exceeds a segment. */
  private reserve(bytes: number): Buffer | undefined {
    if (this.current && this.used + bytes <= this.current.length) return this.current;
    this.seal();
    if (bytes > SEGMENT_BYTES) return undefined;
    this.current = this.pool?.take() ?? Buffer.allocUnsafeSlow(SEGMENT_BYTES);
    return this.current;
  }

  private seal(): void {
    if (this.current && this.used > 0) this.segments.push(this.current.subarray(0, this.used));
    this.current = undefined;
    this.used = 0;
  }
}

import { hash } from 'node:crypto';

const SEGMENT_BYTES = 1 << 20;

/**
 * Accumulates text as UTF-8 in 1 MB buffers that own their memory, so they can be passed between threads and
 * written to a COPY stream without joining strings.
 */
export class SegmentWriter {
  readonly segments: Buffer[] = [];
  private current: Buffer | undefined;
  private used = 0;

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
    this.current = Buffer.allocUnsafeSlow(SEGMENT_BYTES);
    return this.current;
  }

  private seal(): void {
    if (this.current && this.used > 0) this.segments.push(this.current.subarray(0, this.used));
    this.current = undefined;
    this.used = 0;
  }
}

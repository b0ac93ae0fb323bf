const SEGMENT_BYTES = 1 << 20;

/**
 * Accumulates text as UTF-8 in 1 MB buffers that own their memory, so they can be transferred between threads
 * and written to a COPY stream without joining strings.
 */
export class SegmentWriter {
  readonly segments: Buffer[] = [];
  private current: Buffer | undefined;
  private used = 0;

  write(text: string): void {
    const max = text.length * 3;
    if (!this.current || this.used + max > this.current.length) {
      this.seal();
      if (max > SEGMENT_BYTES) {
        this.segments.push(Buffer.from(text, 'utf8'));
        return;
      }
      this.current = Buffer.allocUnsafeSlow(SEGMENT_BYTES);
      this.used = 0;
    }
    this.used += this.current.write(text, this.used, 'utf8');
  }

  /** The filled part of every segment. */
  finish(): Buffer[] {
    this.seal();
    return this.segments;
  }

  private seal(): void {
    if (this.current && this.used > 0) this.segments.push(this.current.subarray(0, this.used));
    this.current = undefined;
    this.used = 0;
  }
}

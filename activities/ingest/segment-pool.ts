/** Bytes of one COPY text segment (SegmentWriter). */
export const SEGMENT_BYTES = 1 << 20;
/** Enough for the chunks in flight (one being built, one waiting, one committing) at the default chunk size. */
const MAX_POOLED = 64;

/**
 * Segment buffers handed back by the committing thread once their chunk is in, for the parse thread to fill
 * again: memory stays at the chunks in flight instead of waiting for a garbage collection to free each one, and
 * no fresh pages are faulted in per segment.
 */
export class SegmentPool {
  private readonly free: ArrayBuffer[] = [];

  take(): Buffer | undefined {
    const buffer = this.free.pop();
    return buffer ? Buffer.from(buffer) : undefined;
  }

  give(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      if (buffer.byteLength === SEGMENT_BYTES && this.free.length < MAX_POOLED) this.free.push(buffer);
    }
  }
}

/** The whole-segment buffers under a chunk's COPY text, to hand back to the pool once it is committed. */
export function segmentBuffers(segments: readonly Uint8Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const segment of segments) {
    if (segment.buffer.byteLength === SEGMENT_BYTES) buffers.add(segment.buffer as ArrayBuffer);
  }
  return [...buffers];
}

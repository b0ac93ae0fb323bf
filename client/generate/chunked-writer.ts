import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export const TRADE_FILE_ENCODINGS = ['utf8', 'utf8-bom', 'cp949'] as const;
export type TradeFileEncoding = (typeof TRADE_FILE_ENCODINGS)[number];

/** Output is handed to the file stream in chunks of about this size: few syscalls, bounded memory. */
const CHUNK_BYTES = 1 << 21;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Collects encoded text into chunks; `take` hands over the finished ones. */
interface ChunkSink {
  append(text: string): void;
  readonly hasChunk: boolean;
  take(final: boolean): Buffer[];
}

/**
 * UTF-8 straight into preallocated buffers: encoding each small string as it comes avoids building and then
 * flattening megabyte-long concatenated strings, which cost more than generating the rows.
 */
class Utf8Sink implements ChunkSink {
  private current = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private ready: Buffer[] = [];

  append(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (this.current.length - this.used < text.length * 3) {
      this.seal();
      this.current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
    }
    this.used += this.current.write(text, this.used, 'utf8');
  }

  get hasChunk(): boolean {
    return this.ready.length > 0;
  }

  take(final: boolean): Buffer[] {
    if (final) this.seal();
    const chunks = this.ready;
    this.ready = [];
    return chunks;
  }

  private seal(): void {
    if (this.used > 0) this.ready.push(this.current.subarray(0, this.used));
    this.current = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}

const NON_ASCII_RUNS = /[\u0080-\uffff]+/g;
/** Distinct non-ASCII runs remembered (desk names, systems, …); bounded for arbitrary text. */
const MAX_CACHED_RUNS = 4096;

/**
 * CP949: ASCII is copied as is (CP949 is ASCII-compatible) and only the non-ASCII runs go through iconv-lite,
 * cached, since generated files repeat the same few Korean names on every row.
 */
class Cp949Sink implements ChunkSink {
  private pending = '';
  private readonly runs = new Map<string, Buffer>();

  append(text: string): void {
    this.pending += text;
  }

  get hasChunk(): boolean {
    return this.pending.length >= CHUNK_BYTES / 2;
  }

  take(): Buffer[] {
    const text = this.pending;
    if (text.length === 0) return [];
    this.pending = '';
    // At most two bytes per UTF-16 code unit: a BMP character takes one or two, an unpaired half is '?'.
    const out = Buffer.allocUnsafe(text.length * 2);
    let used = 0;
    let copied = 0;
    for (const match of text.matchAll(NON_ASCII_RUNS)) {
      used += out.write(text.slice(copied, match.index), used, 'latin1');
      used += this.encodeRun(match[0]).copy(out, used);
      copied = match.index + match[0].length;
    }
    used += out.write(text.slice(copied), used, 'latin1');
    return [out.subarray(0, used)];
  }

  private encodeRun(run: string): Buffer {
    let encoded = this.runs.get(run);
    if (encoded === undefined) {
      encoded = iconv.encode(run, 'cp949');
      if (this.runs.size < MAX_CACHED_RUNS) this.runs.set(run, encoded);
    }
    return encoded;
  }
}

/**
 * Appends text to a file in large encoded chunks and waits for the stream to drain when it asks to,
 * so memory stays bounded however much is written.
 *
 * @example
 * const writer = new ChunkedWriter('out.csv', 'cp949');
 * writer.append('line\r\n');
 * if (writer.full) await writer.flush();
 * await writer.close();
 */
export class ChunkedWriter {
  private readonly stream: WriteStream;
  private readonly sink: ChunkSink;
  private failure: Error | null = null;
  bytes = 0;

  constructor(path: string, encoding: TradeFileEncoding) {
    this.stream = createWriteStream(path);
    // Recorded here and rethrown by flush/close: an 'error' with no listener would crash the process.
    this.stream.on('error', (error) => (this.failure ??= error));
    this.sink = encoding === 'cp949' ? new Cp949Sink() : new Utf8Sink();
    if (encoding === 'utf8-bom') this.writeBuffer(UTF8_BOM);
  }

  append(text: string): void {
    this.sink.append(text);
  }

  /** True when a chunk is ready: call flush() before appending much more. */
  get full(): boolean {
    return this.sink.hasChunk;
  }

  async flush(final = false): Promise<void> {
    if (this.failure) throw this.failure;
    let drained = true;
    for (const chunk of this.sink.take(final)) drained = this.writeBuffer(chunk);
    if (!drained) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  /** Closes the file without finishing it, after a failure elsewhere. */
  abort(): void {
    this.stream.destroy();
  }

  private writeBuffer(buffer: Buffer): boolean {
    this.bytes += buffer.length;
    return this.stream.write(buffer);
  }
}

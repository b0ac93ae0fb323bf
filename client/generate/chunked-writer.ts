import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

export const TRADE_FILE_ENCODINGS = ['utf8', 'utf8-bom', 'cp949'] as const;
export type TradeFileEncoding = (typeof TRADE_FILE_ENCODINGS)[number];

/** Text is encoded and written in chunks of about this many characters: few syscalls, bounded memory. */
const CHUNK_CHARS = 1 << 20;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function encoder(encoding: TradeFileEncoding): (text: string) => Buffer {
  return encoding === 'cp949' ? (text) => iconv.encode(text, 'cp949') : (text) => Buffer.from(text, 'utf8');
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
  private readonly encode: (text: string) => Buffer;
  private pending = '';
  private failure: Error | null = null;
  bytes = 0;

  constructor(path: string, encoding: TradeFileEncoding) {
    this.stream = createWriteStream(path);
    // Recorded here and rethrown by flush/close: an 'error' with no listener would crash the process.
    this.stream.on('error', (error) => (this.failure ??= error));
    this.encode = encoder(encoding);
    if (encoding === 'utf8-bom') this.writeBuffer(UTF8_BOM);
  }

  append(text: string): void {
    this.pending += text;
  }

  get full(): boolean {
    return this.pending.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const buffer = this.encode(this.pending);
    this.pending = '';
    if (!this.writeBuffer(buffer)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
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

import { TextDecoder } from 'node:util';
import { CsvRecordSplitter, DEFAULT_MAX_RECORD_CHARS, type CsvRecord } from './csv-record-splitter';

/** Receives a UTF-8 file's rows: lines as bytes while they are simple (see below), text records after. */
export interface LineSink {
  /** `quoted`: the line holds quoted fields, each closed on the line (see simpleQuotes). */
  line(buf: Buffer, start: number, end: number, lineNo: number, quoted: boolean): void;
  record(record: CsvRecord): void;
}

/** A line still unfinished after this many bytes goes to the text path, which bounds and reports long records. */
const MAX_BYTE_LINE = 1 << 20;

/**
 * True when every quote on the line opens a field and closes it just before a comma or the line's end, with no
 * quote inside: such a line is one whole record. Anything else (a doubled quote, text after a closing quote, a
 * quote left open, so perhaps spanning lines) is left to CsvRecordSplitter.
 */
export function simpleQuotes(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  for (;;) {
    if (buf[i] === 34 && i < e) {
      const close = buf.indexOf(34, i + 1);
      if (close === -1 || close >= e) return false;
      i = close + 1;
      if (i < e && buf[i] !== 44) return false;
    } else {
      while (i < e && buf[i] !== 44) if (buf[i++] === 34) return false;
    }
    if (i >= e) return true;
    i++;
  }
}

/**
 * Splits a UTF-8 file into physical lines without decoding it: each line (its CR LF or LF removed) goes to the
 * sink as a byte range of the read buffer. From the first line whose quoting is not simple (a quoted field may
 * span lines) or an over-long line on, the rest of the file is decoded and split by CsvRecordSplitter, numbering on.
 */
export class Utf8LineSplitter {
  private rest: Buffer | undefined;
  private lineNo = 1;
  private started = false;
  private text: { decoder: TextDecoder; splitter: CsvRecordSplitter } | undefined;

  constructor(
    private readonly sink: LineSink,
    private readonly skipBom: boolean,
  ) {}

  push(chunk: Buffer): void {
    if (this.text) {
      this.toText(this.text.decoder.decode(chunk, { stream: true }));
      return;
    }
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    let pos = 0;
    if (!this.started) {
      this.started = true;
      if (this.skipBom && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    let quote = nextQuote(buf, pos);
    for (let nl = buf.indexOf(10, pos); nl !== -1; nl = buf.indexOf(10, pos)) {
      const end = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      const quoted = quote < nl;
      if (quoted && !simpleQuotes(buf, pos, end)) return this.switchToText(buf.subarray(pos));
      this.sink.line(buf, pos, end, this.lineNo++, quoted);
      pos = nl + 1;
      if (quoted) quote = nextQuote(buf, pos);
    }
    if (pos === buf.length) return;
    if (buf.length - pos > MAX_BYTE_LINE) return this.switchToText(buf.subarray(pos));
    // The unfinished last line waits for the next chunk; copied, so the read buffer is not kept alive.
    this.rest = Buffer.from(buf.subarray(pos));
  }

  end(): void {
    if (this.text) {
      this.toText(this.text.decoder.decode());
      for (const record of this.text.splitter.end()) this.sink.record(record);
      return;
    }
    const rest = this.rest;
    this.rest = undefined;
    if (!rest || rest.length === 0) return;
    const end = rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length;
    const quoted = rest.indexOf(34) !== -1;
    if (quoted && !simpleQuotes(rest, 0, end)) {
      this.switchToText(rest);
      this.end();
    } else {
      this.sink.line(rest, 0, end, this.lineNo++, quoted);
    }
  }

  private switchToText(bytes: Buffer): void {
    // ignoreBOM: a U+FEFF here is data, not the start of the stream.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    this.text = { decoder, splitter: new CsvRecordSplitter(DEFAULT_MAX_RECORD_CHARS, this.lineNo) };
    this.toText(decoder.decode(bytes, { stream: true }));
  }

  private toText(text: string): void {
    for (const record of this.text!.splitter.push(text)) this.sink.record(record);
  }
}

function nextQuote(buf: Buffer, from: number): number {
  const at = buf.indexOf(34, from);
  return at === -1 ? buf.length : at;
}

import { TextDecoder } from 'node:util';
import { CsvRecordSplitter, DEFAULT_MAX_RECORD_CHARS, type CsvRecord } from './csv-record-splitter';

/** Receives a UTF-8 file's rows: lines as bytes while they are simple (see below), text records after. */
export interface LineSink {
  /** `quoted`: the line holds quoted fields, each closed on the line (see simpleQuotes). */
  line(buf: Buffer, start: number, end: number, lineNo: number, quoted: boolean): void;
  record(record: CsvRecord): void;
}

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
 * sink as a byte range of the caller's read buffer. From the first line whose quoting is not simple (a quoted
 * field may span lines) or an over-long line on, the rest of the file is decoded and split by
 * CsvRecordSplitter, numbering on.
 */
export class Utf8LineSplitter {
  private lineNo = 1;
  private started = false;
  private text: { decoder: TextDecoder; splitter: CsvRecordSplitter } | undefined;

  /** `maxLineBytes`: a line still unfinished after this many bytes goes to the text path, which bounds it. */
  constructor(
    private readonly sink: LineSink,
    private readonly skipBom: boolean,
    private readonly maxLineBytes: number,
  ) {}

  /**
   * Splits the complete lines of buf[0, end) and returns how many bytes it consumed; the caller keeps the rest
   * (the start of an unfinished line) and passes it again at the front of the next bytes.
   */
  push(buf: Buffer, end: number): number {
    if (this.text) {
      this.toText(this.text.decoder.decode(buf.subarray(0, end), { stream: true }));
      return end;
    }
    let pos = 0;
    if (!this.started) {
      this.started = true;
      if (this.skipBom && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf && end >= 3) pos = 3;
    }
    let quote = nextByte(buf, 34, pos, end);
    for (let nl = nextByte(buf, 10, pos, end); nl < end; nl = nextByte(buf, 10, pos, end)) {
      const lineEnd = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      const quoted = quote < nl;
      if (quoted && !simpleQuotes(buf, pos, lineEnd)) return this.switchToText(buf, pos, end);
      this.sink.line(buf, pos, lineEnd, this.lineNo++, quoted);
      pos = nl + 1;
      if (quoted) quote = nextByte(buf, 34, pos, end);
    }
    return end - pos > this.maxLineBytes ? this.switchToText(buf, pos, end) : pos;
  }

  /** The file has ended; buf[0, end) is what the last push left. */
  end(buf: Buffer, end: number): void {
    if (!this.text) {
      const used = this.push(buf, end);
      if (!this.text && used === end) return;
      if (!this.text) {
        // The last line, without a line ending.
        const lineEnd = buf[end - 1] === 13 ? end - 1 : end;
        const quoted = nextByte(buf, 34, used, lineEnd) < lineEnd;
        if (!quoted || simpleQuotes(buf, used, lineEnd)) {
          this.sink.line(buf, used, lineEnd, this.lineNo++, quoted);
          return;
        }
        this.switchToText(buf, used, end);
      }
    }
    this.toText(this.text!.decoder.decode());
    for (const record of this.text!.splitter.end()) this.sink.record(record);
  }

  private switchToText(buf: Buffer, from: number, end: number): number {
    // ignoreBOM: a U+FEFF here is data, not the start of the stream.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    this.text = { decoder, splitter: new CsvRecordSplitter(DEFAULT_MAX_RECORD_CHARS, this.lineNo) };
    this.toText(decoder.decode(buf.subarray(from, end), { stream: true }));
    return end;
  }

  private toText(text: string): void {
    for (const record of this.text!.splitter.push(text)) this.sink.record(record);
  }
}

/** Position of the next `byte` in [from, end), or `end`. */
function nextByte(buf: Buffer, byte: number, from: number, end: number): number {
  const at = buf.indexOf(byte, from);
  return at === -1 || at > end ? end : at;
}

/** A line's record as the text path would split it; a line without quotes splits at every comma. */
export function lineRecord(buf: Buffer, start: number, end: number, line: number, quoted: boolean): CsvRecord {
  const raw = buf.toString('utf8', start, end);
  if (!quoted) return { line, fields: raw.split(','), raw };
  const splitter = new CsvRecordSplitter(DEFAULT_MAX_RECORD_CHARS, line);
  const [record, extra] = [...splitter.push(raw), ...splitter.end()];
  if (!record || extra) throw new Error(`line ${line}: a simply quoted line is not one record`);
  return record;
}

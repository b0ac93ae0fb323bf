/** One CSV record: its first physical line number, its fields, and its source text for rejects. */
export interface CsvRecord {
  line: number;
  fields: string[];
  raw: string;
  /** Set when the record's quoting or size is malformed; the fields are then unreliable. */
  error?: string;
}

export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024 * 1024;
const RAW_KEEP_CHARS = 1024 * 1024;

type Parsed = { fields: string[]; end: number; next: number; newlines: number; error?: string } | 'need-more';

/**
 * Splits decoded CSV text (RFC 4180: comma, double-quote escaping, LF or CRLF) into records, fed in pieces.
 * Unquoted lines take a fast path (indexOf + split). A quote left open until the end of the file, or for more
 * than `maxRecordChars`, rejects only the physical line it started on; parsing resumes on the next line, so
 * one stray quote never swallows the rest of a file.
 */
export class CsvRecordSplitter {
  private buf = '';
  private pos = 0;
  private line: number;
  private nextQuote = -1;
  /** Inside an over-long line that has already been reported: drop text until its newline. */
  private skipping = false;

  /** `firstLine`: the number of the first line it is given (a splitter may take over in the middle of a file). */
  constructor(
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
    firstLine = 1,
  ) {
    this.line = firstLine;
  }

  *push(text: string): Generator<CsvRecord> {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.nextQuote = -1;
    yield* this.drain(false);
  }

  *end(): Generator<CsvRecord> {
    yield* this.drain(true);
    this.buf = '';
    this.pos = 0;
  }

  private *drain(final: boolean): Generator<CsvRecord> {
    const buf = this.buf;
    while (this.pos < buf.length) {
      const start = this.pos;
      if (this.skipping) {
        const nl = buf.indexOf('\n', start);
        if (nl === -1) {
          this.pos = buf.length;
          return;
        }
        this.skipping = false;
        this.pos = nl + 1;
        this.line++;
        continue;
      }
      let nl = buf.indexOf('\n', start);
      if (nl === -1 && !final) {
        if (buf.length - start > this.maxRecordChars) yield this.overLong(buf, start);
        return;
      }
      if (nl === -1) nl = buf.length;
      if (this.nextQuote < start) {
        this.nextQuote = buf.indexOf('"', start);
        if (this.nextQuote === -1) this.nextQuote = Number.MAX_SAFE_INTEGER;
      }
      if (this.nextQuote >= nl) {
        const raw = stripCr(buf, start, nl);
        yield { line: this.line++, fields: raw.split(','), raw };
        this.pos = nl + 1;
        continue;
      }
      const parsed = parseQuotedRecord(buf, start, final);
      if (parsed === 'need-more') {
        if (!final && buf.length - start <= this.maxRecordChars) return;
        // An unclosed quote: reject its first physical line and carry on with the next one.
        const raw = stripCr(buf, start, nl);
        yield { line: this.line++, fields: [], raw, error: 'unclosed quote: the quoted field never ends' };
        this.pos = nl + 1;
        this.nextQuote = -1;
        continue;
      }
      const raw = stripCr(buf, start, parsed.end);
      const record: CsvRecord = { line: this.line, fields: parsed.fields, raw };
      if (parsed.error) record.error = parsed.error;
      yield record;
      this.line += 1 + parsed.newlines;
      this.pos = parsed.next;
    }
  }

  private overLong(buf: string, start: number): CsvRecord {
    this.skipping = true;
    this.pos = buf.length;
    const record: CsvRecord = {
      line: this.line,
      fields: [],
      raw: buf.slice(start, start + RAW_KEEP_CHARS),
      error: `record longer than ${this.maxRecordChars} characters (kept the first ${RAW_KEEP_CHARS})`,
    };
    return record;
  }
}

function stripCr(buf: string, start: number, end: number): string {
  return end > start && buf.charCodeAt(end - 1) === 13 ? buf.slice(start, end - 1) : buf.slice(start, end);
}

/** Parses one record that contains a quote, starting at `start`. */
function parseQuotedRecord(buf: string, start: number, final: boolean): Parsed {
  const fields: string[] = [];
  let i = start;
  let newlines = 0;
  let error: string | undefined;
  for (;;) {
    let value = '';
    // A CR inside quotes is data; only a CR before the newline, outside quotes, belongs to the line ending.
    let unquotedTail = true;
    if (buf.charCodeAt(i) === 34) {
      i++;
      for (;;) {
        const close = buf.indexOf('"', i);
        if (close === -1) return 'need-more';
        value += buf.slice(i, close);
        newlines += countNewlines(buf, i, close);
        if (buf.charCodeAt(close + 1) === 34) {
          value += '"';
          i = close + 2;
          continue;
        }
        if (close + 1 >= buf.length && !final) return 'need-more';
        i = close + 1;
        break;
      }
      // Text between a closing quote and the next delimiter is malformed; keep it, flag the record.
      const stop = nextDelimiter(buf, i);
      if (stop > i && !(stop === i + 1 && buf.charCodeAt(i) === 13)) {
        error ??= 'malformed quoting: text after a closing quote';
        value += buf.slice(i, stop);
      } else {
        unquotedTail = false;
      }
      i = stop;
    } else {
      const stop = nextDelimiter(buf, i);
      value = buf.slice(i, stop);
      if (value.includes('"')) error ??= 'malformed quoting: a quote inside an unquoted field';
      i = stop;
    }
    const ch = buf.charCodeAt(i);
    if (ch === 44) {
      fields.push(value);
      i++;
      continue;
    }
    if (i >= buf.length && !final) return 'need-more';
    fields.push(unquotedTail ? stripTrailingCr(value) : value);
    const end = i;
    const next = i < buf.length ? i + 1 : i;
    return error ? { fields, end, next, newlines, error } : { fields, end, next, newlines };
  }
}

function stripTrailingCr(value: string): string {
  return value.charCodeAt(value.length - 1) === 13 ? value.slice(0, -1) : value;
}

function nextDelimiter(buf: string, from: number): number {
  let i = from;
  while (i < buf.length) {
    const ch = buf.charCodeAt(i);
    if (ch === 44 || ch === 10) return i;
    i++;
  }
  return i;
}

function countNewlines(buf: string, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf('\n', from); i !== -1 && i < to; i = buf.indexOf('\n', i + 1)) n++;
  return n;
}

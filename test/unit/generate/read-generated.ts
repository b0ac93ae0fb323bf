import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TRADE_COLUMNS, type TradeColumn } from '../../../schemas/trade/fields';

/** The business date the generator tests use (a Friday) and a validation clock safely after it. */
export const TEST_DATE = '2026-11-20';
export const AFTER_TEST_DATE_MS = Date.parse('2026-11-23T00:00:00+09:00');

/**
 * Splits one CSV record. Enough for the generator's output, whose records never span lines:
 * fields are bare, or quoted with inner quotes doubled (RFC 4180).
 */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        assert.ok(close >= 0, `unterminated quote in ${line}`);
        value += line.slice(i, close);
        i = close + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i >= line.length) return fields;
    assert.equal(line[i], ',', `expected a comma at ${i} in ${line}`);
    i++;
  }
}

export type CsvRow = Record<TradeColumn, string>;

/** Physical lines of a text, without the final empty one; checks every line ends the same way. */
export function splitLines(text: string, eol: '\n' | '\r\n'): string[] {
  assert.ok(text.endsWith(eol), 'the file ends with a line ending');
  const lines = text.slice(0, -eol.length).split(eol);
  if (eol === '\n') assert.ok(!text.includes('\r'), 'no CR in an LF file');
  else
    assert.ok(
      lines.every((line) => !line.includes('\n')),
      'no bare LF in a CRLF file',
    );
  return lines;
}

/** Reads a UTF-8 trade file: checks the header, returns the data rows keyed by column, in file order. */
export function readTradeFile(path: string): CsvRow[] {
  const [header, ...lines] = splitLines(readFileSync(path, 'utf8'), '\n');
  assert.deepEqual(parseCsvLine(header ?? ''), [...TRADE_COLUMNS]);
  return lines.map((line) => {
    const fields = parseCsvLine(line);
    assert.equal(fields.length, TRADE_COLUMNS.length, `column count of ${line}`);
    return Object.fromEntries(TRADE_COLUMNS.map((column, i) => [column, fields[i] ?? ''])) as CsvRow;
  });
}

export interface LabelRow {
  lineNo: number;
  uti: string;
  actionType: string;
  executionTs: string;
  label: string;
}

export function readLabels(path: string): LabelRow[] {
  const [header, ...lines] = splitLines(readFileSync(path, 'utf8'), '\n');
  assert.equal(header, 'line_no,uti,action_type,execution_ts,label');
  return lines.map((line) => {
    const [lineNo, uti, actionType, executionTs, label, ...rest] = parseCsvLine(line);
    assert.equal(rest.length, 0);
    return {
      lineNo: Number(lineNo),
      uti: uti ?? '',
      actionType: actionType ?? '',
      executionTs: executionTs ?? '',
      label: label ?? '',
    };
  });
}

/** Milliseconds after KST midnight of a `…T10:15:30.123+09:00` timestamp. */
export function kstMsOfDay(executionTs: string): number {
  assert.match(executionTs, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/);
  const [h, m, s] = executionTs.slice(11, 23).split(':').map(Number);
  return ((h ?? 0) * 3600 + (m ?? 0) * 60) * 1000 + Math.round((s ?? 0) * 1000);
}

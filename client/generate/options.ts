import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { TRADE_FILE_ENCODINGS, type TradeFileEncoding } from './chunked-writer';
import { isWeekend, kstInstantMs, parseDay } from './dates';

export interface GenerateOptions {
  /** KST business date of the trades, `YYYY-MM-DD` (a weekday). */
  date: string;
  rows: number;
  /** Non-negative integer; the same seed and options give byte-identical files. */
  seed: number;
  out: string;
  /** Share of rows that are labelled anomalies, 0–1 (default 0.01). */
  anomalyRate?: number;
  encoding?: TradeFileEncoding;
  /** CRLF line endings instead of LF. */
  crlf?: boolean;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export const DEFAULT_ANOMALY_RATE = 0.01;
/** The UTI sequence has nine digits. */
export const MAX_ROWS = 100_000_000;

/** Every problem with the options, as messages naming the option; empty when they are usable. */
export function checkGenerateOptions(options: GenerateOptions): string[] {
  const problems: string[] = [];
  const day = parseDay(options.date);
  if (day === null) problems.push(`--date must be a calendar date YYYY-MM-DD, got '${options.date}'`);
  else if (isWeekend(day)) problems.push(`--date ${options.date} is a weekend, not a KST business date`);
  if (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > MAX_ROWS) {
    problems.push(`--rows must be an integer from 1 to ${MAX_ROWS}, got ${options.rows}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    problems.push(`--seed must be a non-negative integer, got ${options.seed}`);
  }
  if (options.out.trim() === '') problems.push('--out must name a file');
  else if (!statSync(dirname(options.out), { throwIfNoEntry: false })?.isDirectory()) {
    problems.push(`--out folder does not exist: ${dirname(options.out)}`);
  }
  const rate = options.anomalyRate ?? DEFAULT_ANOMALY_RATE;
  if (!(rate >= 0 && rate <= 1)) problems.push(`--anomaly-rate must be between 0 and 1, got ${rate}`);
  const encoding = options.encoding ?? 'utf8';
  if (!TRADE_FILE_ENCODINGS.includes(encoding)) {
    problems.push(`--encoding must be one of ${TRADE_FILE_ENCODINGS.join(', ')}, got '${encoding}'`);
  }
  return problems;
}

/**
 * Execution timestamps must not be in the future (DESIGN: Trade record), and the generator writes times up to
 * 23:00 KST of the date, so the date must have ended in KST by `nowMs`.
 */
export function checkDateIsPast(date: string, nowMs: number): string | null {
  const day = parseDay(date);
  if (day === null || kstInstantMs(day + 1, 0) <= nowMs) return null;
  return `--date ${date} has not ended yet in KST; its execution timestamps would be in the future, which ingestion rejects`;
}

/** Parses a number given on the command line ("1000000", "1e6", "1_000_000", "0.02"); NaN when it is not one. */
export function parseNumberOption(text: string): number {
  const cleaned = text.trim().replaceAll('_', '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

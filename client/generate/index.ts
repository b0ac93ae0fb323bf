import type { AnomalyKind } from './anomaly-plan';
import type { TradeFileEncoding } from './chunked-writer';
import { DEFAULT_ANOMALY_RATE, checkGenerateOptions, type GenerateOptions } from './options';
import { generateTradeRows } from './trade-generator';
import { writeTradeFile } from './write-trade-file';

export { ANOMALY_KINDS, type AnomalyKind, type RowLabel } from './anomaly-plan';
export { TRADE_FILE_ENCODINGS, type TradeFileEncoding } from './chunked-writer';
export {
  DEFAULT_ANOMALY_RATE,
  MAX_ROWS,
  checkDateIsPast,
  checkGenerateOptions,
  parseNumberOption,
  type GenerateOptions,
} from './options';
export { generateTradeRows, type GeneratedRow, type TradeGenerationConfig } from './trade-generator';
export { LABEL_HEADER } from './write-trade-file';

export interface GenerateSummary {
  out: string;
  labelsOut: string;
  date: string;
  seed: number;
  rows: number;
  encoding: TradeFileEncoding;
  anomalyRate: number;
  /** Rows labelled as anomalies, in total and by kind. */
  anomalyRows: number;
  anomalies: Record<AnomalyKind, number>;
  /** Rows per action type (NEWT, MODI, TERM). */
  actions: Record<string, number>;
  bytes: number;
}

/** The labels file that goes with a trade file: `FILE.labels.csv` (DESIGN: CLI). */
export const labelsPathFor = (out: string): string => `${out}.labels.csv`;

/**
 * Writes a synthetic day of trades and its labels file. Deterministic: the same options give byte-identical files.
 * Throws an Error listing every invalid option.
 *
 * @example
 * const summary = await generateTradeFile({ date: '2026-11-20', rows: 20_000, seed: 1, out: 'trades.csv' });
 * // summary.labelsOut === 'trades.csv.labels.csv'
 */
export async function generateTradeFile(options: GenerateOptions): Promise<GenerateSummary> {
  const problems = checkGenerateOptions(options);
  if (problems.length > 0) throw new Error(`invalid generate options: ${problems.join('; ')}`);
  const anomalyRate = options.anomalyRate ?? DEFAULT_ANOMALY_RATE;
  const encoding = options.encoding ?? 'utf8';
  const labelsOut = labelsPathFor(options.out);
  const { onProgress } = options;
  const rows = generateTradeRows({ date: options.date, rows: options.rows, seed: options.seed, anomalyRate });
  const written = await writeTradeFile(rows, {
    out: options.out,
    labelsOut,
    encoding,
    crlf: options.crlf ?? false,
    ...(onProgress ? { onProgress: (done: number) => onProgress(done, options.rows) } : {}),
  });
  return {
    out: options.out,
    labelsOut,
    date: options.date,
    seed: options.seed,
    rows: written.rows,
    encoding,
    anomalyRate,
    anomalyRows: written.anomalyRows,
    anomalies: written.anomalies,
    actions: written.actions,
    bytes: written.bytes,
  };
}

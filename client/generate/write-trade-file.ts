import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ANOMALY_KINDS, type AnomalyKind } from './anomaly-plan';
import { ChunkedWriter, type TradeFileEncoding } from './chunked-writer';
import { TRADE_HEADER, tradeRecord } from './csv';
import type { GeneratedRow } from './trade-generator';

export const LABEL_HEADER = 'line_no,uti,action_type,execution_ts,label';

export interface WriteTradeFileOptions {
  out: string;
  labelsOut: string;
  encoding: TradeFileEncoding;
  crlf: boolean;
  /** Called after each written chunk with the rows written so far. */
  onProgress?: (rowsWritten: number) => void;
}

export interface WriteTradeFileResult {
  rows: number;
  anomalyRows: number;
  anomalies: Record<AnomalyKind, number>;
  /** Rows per action type (NEWT, MODI, TERM). */
  actions: Record<string, number>;
  bytes: number;
  labelsBytes: number;
}

/** A hidden sibling, renamed into place at the end, so a folder watcher never picks up a half-written file. */
const partialPath = (path: string): string => join(dirname(path), `.${basename(path)}.partial`);

/**
 * Streams rows to a CSV trade file (header = TRADE_COLUMNS) and its labels file
 * (`line_no,uti,action_type,execution_ts,label`; line_no is the data row's physical line, the header being line 1).
 */
export async function writeTradeFile(
  rows: Iterable<GeneratedRow>,
  options: WriteTradeFileOptions,
): Promise<WriteTradeFileResult> {
  const eol = options.crlf ? '\r\n' : '\n';
  const data = new ChunkedWriter(partialPath(options.out), options.encoding);
  const labels = new ChunkedWriter(partialPath(options.labelsOut), 'utf8');
  const anomalies = Object.fromEntries(ANOMALY_KINDS.map((kind) => [kind, 0])) as Record<AnomalyKind, number>;
  const actions: Record<string, number> = {};
  let count = 0;
  try {
    data.append(TRADE_HEADER + eol);
    labels.append(LABEL_HEADER + eol);
    for (const { row, label } of rows) {
      count++;
      data.append(tradeRecord(row));
      data.append(eol);
      // Every label column is a code, a number or a timestamp: nothing there ever needs CSV quoting.
      labels.append(`${count + 1},${row.uti},${row.action_type},${row.execution_ts},${label}${eol}`);
      actions[row.action_type] = (actions[row.action_type] ?? 0) + 1;
      if (label !== 'normal') anomalies[label]++;
      if (data.full || labels.full) {
        await Promise.all([data.flush(), labels.flush()]);
        options.onProgress?.(count);
      }
    }
    await Promise.all([data.close(), labels.close()]);
  } catch (error) {
    data.abort();
    labels.abort();
    await Promise.all([
      rm(partialPath(options.out), { force: true }),
      rm(partialPath(options.labelsOut), { force: true }),
    ]);
    throw error;
  }
  // Labels first: whoever sees the data file can rely on its labels being there.
  await rename(partialPath(options.labelsOut), options.labelsOut);
  await rename(partialPath(options.out), options.out);
  options.onProgress?.(count);
  const anomalyRows = Object.values(anomalies).reduce((sum, n) => sum + n, 0);
  return { rows: count, anomalyRows, anomalies, actions, bytes: data.bytes, labelsBytes: labels.bytes };
}

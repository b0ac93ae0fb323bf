import assert from 'node:assert/strict';
import { generateTradeRows, type RowLabel } from '../../../../client/generate';
import { fromTradeRecord, type FeatureTrade } from '../../../../activities/models/features';
import { validateTrade } from '../../../../schemas/trade/validate-trade';

/** A day of synthetic trades as the features see them, with the generator's labels beside them (never inside). */
export interface GeneratedDay {
  trades: FeatureTrade[];
  labels: RowLabel[];
}

/**
 * Generates and validates a day in-process, as ingestion would, and converts each record. Event keys are the row
 * number (the real md5 key does not matter to the features). A fixed clock after the date keeps validation
 * deterministic.
 */
export function generatedDay(options: { date: string; rows: number; seed: number; anomalyRate: number }): GeneratedDay {
  const nowMs = Date.parse(`${options.date}T00:00:00+09:00`) + 3 * 86_400_000;
  const trades: FeatureTrade[] = [];
  const labels: RowLabel[] = [];
  let line = 0;
  for (const { row, label } of generateTradeRows(options)) {
    const result = validateTrade(row, nowMs);
    assert.ok(result.ok, `generated row ${line} is valid: ${result.ok ? '' : result.reasons.join('; ')}`);
    trades.push(fromTradeRecord(result.record, `row-${line++}`));
    labels.push(label);
  }
  return { trades, labels };
}

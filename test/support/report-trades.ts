import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../schemas/db/database';
import { TRADE_COLUMNS } from '../../schemas/trade/fields';
import type { validRow } from './trade-rows';

type Row = ReturnType<typeof validRow>;

/**
 * Stores trades as ingestion would (empty cells → NULL), under `eventKey` (a fresh one by default), received at
 * `receivedAt` (now by default); returns their event keys.
 */
export async function insertTrades(
  db: Kysely<Database>,
  rows: { row: Row; receivedAt?: string; eventKey?: string }[],
): Promise<string[]> {
  const keys: string[] = [];
  const values = rows.map(({ row, receivedAt, eventKey = randomUUID() }) => {
    keys.push(eventKey);
    const record = Object.fromEntries(TRADE_COLUMNS.map((c) => [c, row[c] === '' ? null : row[c]]));
    return {
      ...record,
      event_key: eventKey,
      source: 'api' as const,
      ...(receivedAt !== undefined && { received_at: receivedAt }),
      file_id: null,
      line_no: null,
    };
  });
  if (values.length)
    await db
      .insertInto('trades')
      .values(values as never)
      .execute();
  return keys;
}

/** A score row for a stored trade (the intake engineer's table), and an anomaly row when flagged. */
export async function insertScore(
  db: Kysely<Database>,
  input: { eventKey: string; row: Row; anomaly: boolean; score: number; status?: string; businessDate?: string },
): Promise<void> {
  const executionTs = new Date(input.row.execution_ts);
  await db
    .insertInto('trade_scores')
    .values({
      event_key: input.eventKey,
      execution_ts: executionTs,
      model_version: '2026-W46.test',
      rule_set_version: null,
      ensemble_score: input.score,
      member_scores: '{}',
      rule_hits: JSON.stringify(input.anomaly ? [{ rule: 'notional_above_threshold', reason: 'large' }] : []),
      is_anomaly: input.anomaly,
      explanation: '{}',
      scored_by: 'batch',
    })
    .execute();
  if (!input.anomaly) return;
  await db
    .insertInto('anomalies')
    .values({
      event_key: input.eventKey,
      execution_ts: executionTs,
      business_date: input.businessDate ?? input.row.execution_ts.slice(0, 10),
      uti: input.row.uti,
      product: input.row.product,
      desk: input.row.desk || null,
      ensemble_score: input.score,
      model_version: '2026-W46.test',
      rule_hits: JSON.stringify([{ rule: 'notional_above_threshold', reason: 'large' }]),
      detected_by: 'batch',
      status: (input.status ?? 'open') as never,
      workflow_id: `anomaly-${input.eventKey}`,
    })
    .execute();
}

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../schemas/db/database';
import { anomalyWorkflowId } from '../../schemas/workflow-ids';
import { insertTrades } from './report-trades';
import { validRow } from './trade-rows';

/** A uuid-shaped trade event key derived from a label, so each test has its own anomaly. */
export function eventKeyOf(label: string): string {
  const h = createHash('md5').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Stores a flagged trade event as intake and batch detection do: the trade, its score with reasons and
 * explanation, and the anomaly row. Returns the event key and UTI.
 */
export async function insertAnomaly(
  db: Kysely<Database>,
  options: { label: string; n: number; executionTs: string },
): Promise<{ eventKey: string; uti: string }> {
  const eventKey = eventKeyOf(options.label);
  const row = validRow(options.n, { execution_ts: options.executionTs });
  await insertTrades(db, [{ row, eventKey }]);
  const ruleHits = [{ rule: 'notional_above_threshold', reason: 'notional 10,000,000,000 KRW above the IRS limit' }];
  await db
    .insertInto('trade_scores')
    .values({
      event_key: eventKey,
      execution_ts: row.execution_ts,
      model_version: 'v-test',
      rule_set_version: 1,
      ensemble_score: 0.9321,
      member_scores: JSON.stringify({ iforest: { score: 0.88, vote: true }, ocsvm: { score: 0.41, vote: false } }),
      rule_hits: JSON.stringify(ruleHits),
      is_anomaly: true,
      explanation: JSON.stringify({ iforest: [{ feature: 'log_notional_z', contribution: 0.612 }] }),
      scored_by: 'api',
    })
    .execute();
  await db
    .insertInto('anomalies')
    .values({
      event_key: eventKey,
      execution_ts: row.execution_ts,
      business_date: row.execution_ts.slice(0, 10),
      uti: row.uti,
      product: row.product,
      desk: row.desk,
      ensemble_score: 0.9321,
      model_version: 'v-test',
      rule_hits: JSON.stringify(ruleHits),
      detected_by: 'api',
      workflow_id: anomalyWorkflowId(eventKey),
    })
    .execute();
  return { eventKey, uti: row.uti };
}

import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { reviewsOf } from '../../../activities/anomalies/anomaly-reviews';
import { tradeAndScoreOf } from '../../../activities/anomalies/trade-and-score';
import { ANOMALY_STATE_QUERY } from '../../../schemas/anomaly-workflow';
import type { Database } from '../../../schemas/db/database';
import type { StaffOptions } from './staff-deps';
import { describeRun, queryRun } from './temporal-info';

/**
 * Everything the anomaly page shows: the anomaly, its trade, the score row (rule hits, each model's score and top
 * features), the alert e-mails, the audit log and the workflow's run and state. Undefined when there is no anomaly.
 */
export async function anomalyDetail(db: Kysely<Database>, temporal: Client, options: StaffOptions, eventKey: string) {
  const anomaly = await db.selectFrom('anomalies').selectAll().where('event_key', '=', eventKey).executeTakeFirst();
  if (!anomaly) return undefined;
  const [{ trade, score }, alerts, reviews, run] = await Promise.all([
    tradeAndScoreOf(db, anomaly),
    db
      .selectFrom('alert_messages')
      .select(['message_id', 'kind', 'recipients', 'subject', 'status', 'created_at', 'sent_at'])
      .where('anomaly_event_key', '=', eventKey)
      .orderBy('created_at')
      .execute(),
    reviewsOf(db, eventKey),
    describeRun(temporal, options, anomaly.workflow_id),
  ]);
  const state =
    run.status === 'NOT_FOUND' || run.status === 'UNKNOWN'
      ? null
      : await queryRun(temporal, anomaly.workflow_id, ANOMALY_STATE_QUERY);
  return {
    anomaly,
    trade: trade ?? null,
    score: score
      ? {
          modelVersion: score.model_version,
          ruleSetVersion: score.rule_set_version,
          ensembleScore: score.ensemble_score,
          memberScores: score.member_scores,
          ruleHits: score.rule_hits,
          topFeatures: score.explanation,
          scoredBy: score.scored_by,
          scoredAt: score.scored_at,
        }
      : null,
    alerts,
    reviews,
    workflow: {
      ...run,
      state: state && 'state' in state ? state.state : null,
      stateError: state && 'error' in state ? state.error : null,
    },
  };
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANOMALY_KINDS, type RowLabel } from '../../../client/generate';
import {
  FEATURE_TRADE_COLUMNS,
  extractFeatures,
  featureIndex,
  fitFeatureReference,
  fromTradeRecord,
  fromTradeRow,
  type FeatureName,
  type FeatureTrade,
} from '../../../activities/models/features';
import { rocAuc } from '../../../activities/models/metrics';
import type { Insertable } from 'kysely';
import type { TradesTable } from '../../../schemas/db/database';
import type { TradeRecord } from '../../../schemas/trade/fields';
import { validateTrade } from '../../../schemas/trade/validate-trade';
import { generateTradeRows } from '../../../client/generate';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const DATE = '2026-11-20';
const NOW_MS = Date.parse('2026-11-23T00:00:00+09:00');
/** 30 columns a row: 1000 rows stay well under PostgreSQL's 65535 bind parameters. */
const INSERT_BATCH = 1000;
const SEPARATING_FEATURE: Record<(typeof ANOMALY_KINDS)[number], [FeatureName, 1 | -1]> = {
  fat_finger_notional: ['notional_log_z', 1],
  off_market_rate: ['rate_deviation', 1],
  outside_market_hours: ['minutes_outside_market', 1],
  wash_pair: ['wash_indicator', 1],
  counterparty_burst: ['counterparty_burst', 1],
  inconsistent_dates: ['days_to_effective_slog', -1],
};

/** A deterministic uuid per row (the real key is an md5 of the record; the features do not read it). */
const eventKeyOf = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function generated(rows: number, seed: number, anomalyRate: number): { records: TradeRecord[]; labels: RowLabel[] } {
  const records: TradeRecord[] = [];
  const labels: RowLabel[] = [];
  for (const { row, label } of generateTradeRows({ date: DATE, rows, seed, anomalyRate })) {
    const result = validateTrade(row, NOW_MS);
    assert.ok(result.ok);
    records.push(result.record);
    labels.push(label);
  }
  return { records, labels };
}

describe('features from trades stored in PostgreSQL', () => {
  let database: TestDatabase;
  const day = generated(20_000, 99, 0.02);
  const labelByKey = new Map(day.labels.map((label, i) => [eventKeyOf(i), label]));
  let stored: FeatureTrade[];

  before(async () => {
    database = await createTestDatabase('features');
    for (let start = 0; start < day.records.length; start += INSERT_BATCH) {
      const rows: Insertable<TradesTable>[] = day.records.slice(start, start + INSERT_BATCH).map((record, k) => ({
        ...record,
        event_key: eventKeyOf(start + k),
        source: 'file',
        file_id: null,
        line_no: null,
      }));
      await database.db.kysely.insertInto('trades').values(rows).execute();
    }
    const fromDb = await database.db.kysely
      .selectFrom('trades')
      .select(FEATURE_TRADE_COLUMNS)
      .orderBy('execution_ts')
      .orderBy('event_key')
      .execute();
    stored = fromDb.map(fromTradeRow);
  });
  after(async () => {
    await database?.drop();
  });

  it('reads back every trade as the same FeatureTrade its record gives', () => {
    assert.equal(stored.length, day.records.length);
    const byKey = new Map(day.records.map((record, i) => [eventKeyOf(i), fromTradeRecord(record, eventKeyOf(i))]));
    for (const trade of stored) assert.deepEqual(trade, byKey.get(trade.event_key));
  });

  it('separates each anomaly kind by its feature on the stored trades (ROC AUC ≥ 0.9)', () => {
    const reference = fitFeatureReference(
      generated(20_000, 1, 0.01).records.map((r, i) => fromTradeRecord(r, `t${i}`)),
    );
    const matrix = extractFeatures(stored, reference);
    for (const kind of ANOMALY_KINDS) {
      const [feature, direction] = SEPARATING_FEATURE[kind];
      const j = featureIndex(feature);
      const scores: number[] = [];
      const labels: number[] = [];
      stored.forEach((trade, i) => {
        const label = labelByKey.get(trade.event_key);
        if (label !== kind && label !== 'normal') return;
        scores.push(direction * matrix.data[i * matrix.cols + j]!);
        labels.push(label === kind ? 1 : 0);
      });
      const auc = rocAuc(scores, labels);
      assert.ok(auc >= 0.9, `${kind}: ROC AUC of ${feature} is ${auc}`);
    }
  });
});

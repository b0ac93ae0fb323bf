import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { ScoredTrade } from '../../../activities/detection/scoring/score-trades';
import { eventKeyOf } from '../../../activities/ingest/event-key';
import { fromTradeRecord } from '../../../activities/models/features/feature-trade';
import { storeApiTrades } from '../../../client/api/intake/store-api-trades';
import { storeScoredBatch } from '../../../client/api/intake/store-scored-batch';
import { validateTrade } from '../../../schemas/trade/validate-trade';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { validRow } from '../../support/trade-rows';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('scoredbatch');
});
after(() => database.drop());

/** Trade n of 2026-11-20 as intake would hold it: validated record, event key, features' view. */
function keyed(n: number) {
  const result = validateTrade(validRow(n), Date.parse('2026-11-21T00:00:00Z'));
  if (!result.ok) throw new Error(`row ${n} invalid: ${JSON.stringify(result)}`);
  const eventKey = eventKeyOf(result.record);
  return { record: result.record, eventKey, trade: fromTradeRecord(result.record, eventKey) };
}

function scoredOf(k: ReturnType<typeof keyed>, anomaly: boolean): ScoredTrade {
  return {
    eventKey: k.eventKey,
    executionMs: k.trade.executionMs,
    ruleHits: anomaly ? [{ rule: 'notional_threshold', reason: 'notional above the IRS threshold' }] : [],
    ensembleScore: anomaly ? 0.9 : 0.1,
    memberScores: {},
    modelsFlagged: anomaly,
    isAnomaly: anomaly,
    explanation: null,
  };
}

async function store(batch: ReturnType<typeof keyed>[], anomalous: Set<number>) {
  return storeScoredBatch(database.db.kysely, {
    batch,
    scored: batch.map((k, i) => scoredOf(k, anomalous.has(i))),
    trades: batch.map((k) => k.trade),
    modelVersion: 'm-1',
    ruleSetVersion: 1,
  });
}

const count = async (table: 'trades' | 'trade_scores' | 'anomalies') =>
  Number(
    (
      await database.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

it('stores trades, scores, anomalies and the summary in one go, and a repeat changes nothing', async () => {
  const batch = [keyed(1), keyed(2), keyed(3)];
  const first = await store(batch, new Set([1]));
  assert.deepEqual(first.trades, new Set(batch.map((k) => k.eventKey)));
  assert.deepEqual(first.scores, new Set(batch.map((k) => k.eventKey)));
  assert.deepEqual(
    first.newAnomalies.map((a) => a.eventKey),
    [batch[1]!.eventKey],
  );
  const summary = await database.db.kysely.selectFrom('daily_trade_summaries').selectAll().execute();
  assert.deepEqual(
    summary.map((s) => [s.business_date, s.product, s.currency, s.trades]),
    [['2026-11-20', 'IRS', 'KRW', 2]],
  );

  const again = await store(batch, new Set([0, 1, 2]));
  assert.deepEqual([again.trades.size, again.scores.size, again.newAnomalies.length], [0, 0, 0]);
  assert.deepEqual([await count('trades'), await count('trade_scores'), await count('anomalies')], [3, 3, 1]);
  const after = await database.db.kysely.selectFrom('daily_trade_summaries').select('trades').execute();
  assert.deepEqual(after, [{ trades: 2 }]);
});

it('scores a trade stored before without a score (from a file) and does not store it twice', async () => {
  const earlier = keyed(10);
  await storeApiTrades(database.db.kysely, [earlier]);
  const batch = [earlier, keyed(11)];
  const saved = await store(batch, new Set());
  assert.deepEqual(saved.trades, new Set([batch[1]!.eventKey]));
  assert.deepEqual(saved.scores, new Set(batch.map((k) => k.eventKey)));
  assert.deepEqual([await count('trades'), await count('trade_scores')], [5, 5]);
});

it('stores a batch larger than a statement could carry as bind parameters, every field as validated', async () => {
  // 3,000 records of 29 fields as VALUES would need 87,000 parameters; PostgreSQL allows 65,535.
  const batch = Array.from({ length: 3000 }, (_, i) => keyed(10_000 + i));
  const before = await count('trades');
  const saved = await store(batch, new Set([7]));
  assert.equal(saved.trades.size, 3000);
  assert.equal(saved.scores.size, 3000);
  assert.equal((await count('trades')) - before, 3000);
  const stored = await database.db.kysely
    .selectFrom('trades')
    .selectAll()
    .where('event_key', '=', batch[7]!.eventKey)
    .executeTakeFirstOrThrow();
  const record = batch[7]!.record;
  assert.equal(stored.uti, record.uti);
  assert.equal(stored.source, 'api');
  assert.equal(Number(stored.notional_leg1), Number(record.notional_leg1));
  assert.equal(stored.execution_ts.toISOString(), new Date(record.execution_ts).toISOString());
  assert.equal(stored.effective_date, record.effective_date);
  assert.equal(stored.desk, record.desk);
  assert.ok(Date.now() - stored.received_at.getTime() < 60_000, 'received_at takes its default');
});

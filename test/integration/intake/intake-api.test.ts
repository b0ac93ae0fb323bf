import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startIntakeHarness, type IntakeHarness } from '../../support/intake-harness';
import { installTinyChampion, ordinaryTrades } from '../../support/tiny-champion';
import { validRow } from '../../support/trade-rows';

// POST /api/trades against the real express app, PostgreSQL and Temporal dev server.
let h: IntakeHarness;
let service: string;

before(async () => {
  h = await startIntakeHarness();
  service = await h.token('service');
});
after(async () => {
  await h.close();
});

type Item = {
  index: number;
  eventKey: string;
  duplicate: boolean;
  decision: string;
  score: number | null;
  ruleHits: { rule: string; reason: string }[];
  explanation: { members?: Record<string, { feature: string }[]> } | null;
  modelVersion: string | null;
  workflowId?: string;
};
const itemsOf = (json: Record<string, unknown>) => json.items as Item[];
const count = async (table: 'trades' | 'trade_scores' | 'anomalies') =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(h.database.db.kysely))
      .rows[0]!.n,
  );
/** A trade at 10:15 KST on Friday 2026-11-20, second `n`, so each is its own trade event. */
const trade = (n: number, overrides: Record<string, string> = {}) =>
  validRow(n, { execution_ts: `2026-11-20T10:15:${String(n % 60).padStart(2, '0')}.000+09:00`, ...overrides });

/** The run id of the workflow's current execution (describe reads it consistently, unlike visibility lists). */
async function runIdOf(workflowId: string): Promise<string> {
  return (await h.client.workflow.getHandle(workflowId).describe()).runId;
}
let firstAnomalyRun = '';

describe('authentication', () => {
  it('answers 401 without a token and with a bad one, 403 for a viewer, and stores nothing', async () => {
    assert.equal((await h.post(trade(1))).status, 401);
    assert.equal((await h.post(trade(1), 'not-a-jwt')).status, 401);
    assert.equal((await h.post(trade(1), await h.token('viewer'))).status, 403);
    assert.equal((await h.post(trade(1), await h.token('admin'))).status, 403);
    assert.equal(await count('trades'), 0);
  });
});

describe('invalid and mixed bulks', () => {
  it('answers 400 with every reason per item and stores nothing when any item is invalid', async () => {
    const before = await count('trades');
    const { status, json } = await h.post(
      [
        trade(2),
        trade(3, { notional_leg1: '-5', counterparty_2: 'NOTALEI0000000000000' }),
        trade(4),
        { ...trade(5), surprise: 'x' },
      ],
      service,
    );
    assert.equal(status, 400);
    const items = json.items as { index: number; reasons: string[] }[];
    assert.deepEqual(
      items.map((i) => i.index),
      [1, 3],
    );
    assert.ok(
      items[0]!.reasons.some((r) => r.startsWith('notional_leg1:')),
      items[0]!.reasons.join('|'),
    );
    assert.ok(
      items[0]!.reasons.some((r) => r.startsWith('counterparty_2:')),
      items[0]!.reasons.join('|'),
    );
    assert.ok(
      items[1]!.reasons.some((r) => r.includes('surprise')),
      items[1]!.reasons.join('|'),
    );
    assert.equal(await count('trades'), before);
    assert.equal(await count('trade_scores'), 0);
  });
  it('answers 400 for an empty or oversized array, and for malformed JSON', async () => {
    assert.equal((await h.post([], service)).status, 400);
    const many = Array.from({ length: 1001 }, (_, i) => trade(i));
    const tooMany = await h.post(many, service);
    assert.equal(tooMany.status, 400);
    assert.match((tooMany.json.problems as string[]).join(), /at most 1000/);
    assert.equal((await h.post('{"uti": ', service)).status, 400);
  });
});

describe('valid trades, rules only (no champion yet)', () => {
  it('stores, scores and answers per item; an anomaly starts its workflow; normal trades reach the summary', async () => {
    const huge = trade(10, { notional_leg1: '50000000000000' });
    const { status, json } = await h.post([trade(11), huge, trade(12)], service);
    assert.equal(status, 200, JSON.stringify(json));
    assert.match(String(json.decidedBy), /rules only/);
    const items = itemsOf(json);
    assert.deepEqual(
      items.map((i) => i.decision),
      ['normal', 'anomaly', 'normal'],
    );
    assert.equal(items[1]!.ruleHits[0]!.rule, 'notional_threshold');
    assert.match(items[1]!.ruleHits[0]!.reason, /50,000,000,000,000 KRW is above the IRS limit/);
    assert.equal(items[1]!.score, null);
    assert.equal(items[1]!.workflowId, `anomaly-${items[1]!.eventKey}`);
    const handle = h.client.workflow.getHandle(items[1]!.workflowId!);
    const described = await handle.describe();
    assert.equal(described.type, 'anomalyWorkflow');
    assert.equal(described.taskQueue, h.workflowTaskQueue);
    firstAnomalyRun = described.runId;

    const anomaly = await h.database.db.kysely
      .selectFrom('anomalies')
      .selectAll()
      .where('event_key', '=', items[1]!.eventKey)
      .executeTakeFirstOrThrow();
    assert.equal(anomaly.business_date, '2026-11-20');
    assert.equal(anomaly.detected_by, 'api');
    assert.ok(anomaly.workflow_started_at);
    const stored = await h.database.db.kysely
      .selectFrom('trades')
      .select(['source', 'event_key'])
      .where('event_key', '=', items[0]!.eventKey)
      .executeTakeFirstOrThrow();
    assert.equal(stored.source, 'api');
    const summary = await h.database.db.kysely
      .selectFrom('daily_trade_summaries')
      .selectAll()
      .where('business_date', '=', '2026-11-20')
      .execute();
    assert.equal(summary.length, 1);
    assert.equal(summary[0]!.trades, 2);
    assert.equal(summary[0]!.product, 'IRS');
  });

  it('answers a re-post as duplicates with the first decisions, storing, counting and starting nothing again', async () => {
    const huge = trade(10, { notional_leg1: '50000000000000' });
    const first = itemsOf((await h.post([trade(11), huge], service)).json);
    assert.deepEqual(
      first.map((i) => [i.duplicate, i.decision]),
      [
        [true, 'normal'],
        [true, 'anomaly'],
      ],
    );
    assert.equal(await runIdOf(first[1]!.workflowId!), firstAnomalyRun);
    const summary = await h.database.db.kysely.selectFrom('daily_trade_summaries').select('trades').execute();
    assert.equal(summary[0]!.trades, 2);
    // The same event twice in one post: the second is a duplicate of the first.
    const twice = itemsOf((await h.post([trade(20), trade(20)], service)).json);
    assert.deepEqual(
      twice.map((i) => i.duplicate),
      [false, true],
    );
  });

  it('flags a self-dealing trade and one outside market hours, each with its reason', async () => {
    const items = itemsOf(
      (
        await h.post(
          [
            trade(30, { counterparty_2: validRow(30).counterparty_1 }),
            trade(31, { execution_ts: '2026-11-20T22:10:00+09:00' }),
          ],
          service,
        )
      ).json,
    );
    assert.equal(items[0]!.ruleHits[0]!.rule, 'wash_pair');
    assert.match(items[0]!.ruleHits[0]!.reason, /self-dealing/);
    assert.match(items[1]!.ruleHits.map((r) => r.reason).join(), /Friday 22:10 KST, outside market hours/);
  });
});

describe('scoring with the champion', () => {
  it('scores with the champion, explains anomalies per model, and picks up a promotion without a restart', async () => {
    await installTinyChampion(h.database.db, h.modelsDir, { version: 'tiny-1', trades: ordinaryTrades(400) });
    const offMarket = trade(40, { fixed_rate_leg1: '0.0925', notional_leg1: '900000000000' });
    const { json } = await h.post([trade(41), offMarket], service);
    assert.match(String(json.decidedBy), /rules and model tiny-1/);
    const items = itemsOf(json);
    assert.equal(items[0]!.modelVersion, 'tiny-1');
    assert.equal(typeof items[0]!.score, 'number');
    assert.equal(items[1]!.decision, 'anomaly');
    assert.ok(items[1]!.explanation?.members?.iforest?.length, JSON.stringify(items[1]!.explanation));
    const row = await h.database.db.kysely
      .selectFrom('trade_scores')
      .select(['model_version', 'rule_set_version', 'scored_by'])
      .where('event_key', '=', items[0]!.eventKey)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { model_version: 'tiny-1', rule_set_version: 1, scored_by: 'api' });

    await installTinyChampion(h.database.db, h.modelsDir, { version: 'tiny-2', trades: ordinaryTrades(300) });
    const next = itemsOf((await h.post(trade(42), service)).json);
    assert.equal(next[0]!.modelVersion, 'tiny-2');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document describing POST /api/trades with the trade schema', async () => {
    const doc = (await (await fetch(`${h.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/trades']?.post);
    assert.ok(doc.components.schemas.TradeInput?.properties?.notional_leg1);
  });
});

describe('the business calendar', () => {
  it('flags a trade executed inside the session hours of a public holiday, naming it', async () => {
    const { status, json } = await h.post(trade(57, { execution_ts: '2026-09-25T10:00:57+09:00' }), service);
    assert.equal(status, 200, JSON.stringify(json));
    const [item] = itemsOf(json);
    assert.equal(item!.decision, 'anomaly');
    assert.match(item!.ruleHits.map((r) => r.reason).join(), /2026-09-25 10:00 KST, a day the market is closed \(추석/);
  });
});

describe('a timestamp finer than a millisecond', () => {
  it('is kept to the millisecond, so the stored score joins its trade and a re-post is a duplicate', async () => {
    const posted = trade(58, { execution_ts: '2026-11-20T10:15:58.123456789+09:00' });
    const { status, json } = await h.post(posted, service);
    assert.equal(status, 200, JSON.stringify(json));
    const [item] = itemsOf(json);
    const stored = await sql<{ ts: string; scored: number }>`
      select to_char(t.execution_ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as ts,
        (select count(*)::int from trade_scores s where s.execution_ts = t.execution_ts and s.event_key = t.event_key)
          as scored
      from trades t where t.event_key = ${item!.eventKey}`.execute(h.database.db.kysely);
    assert.deepEqual(stored.rows, [{ ts: '2026-11-20T01:15:58.123000', scored: 1 }]);
    const again = await h.post(trade(58, { execution_ts: '2026-11-20T10:15:58.123999+09:00' }), service);
    assert.equal(itemsOf(again.json)[0]!.duplicate, true);
  });
});

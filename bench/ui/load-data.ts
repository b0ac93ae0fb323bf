import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const PRODUCTS = ['IRS', 'CCS', 'FX_SWAP', 'CDS', 'EQUITY_SWAP'] as const;
const ASSET: Record<(typeof PRODUCTS)[number], string> = {
  IRS: 'IR',
  CCS: 'FX',
  FX_SWAP: 'FX',
  CDS: 'CR',
  EQUITY_SWAP: 'EQ',
};
export const DESKS = ['금리스왑데스크', 'FX desk', '신용데스크', 'Equity derivatives', '외환스왑데스크', 'Rates Asia'];
const STATUSES = ['open', 'alerted', 'escalated', 'acknowledged', 'confirmed', 'dismissed'] as const;
const BANK = '9884001KRBANK0000107';
const CPTY = '549300SWAPCPTY000181';

const uuidOf = (i: number) => {
  const h = createHash('md5').update(`bench-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
/** Deterministic pseudo-random in [0, 1) from an index (no state, so every table agrees). */
const rand = (i: number, salt: number) => (((Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453) % 1) + 1) % 1;

export interface TradeSpec {
  i: number;
  eventKey: string;
  uti: string;
  product: (typeof PRODUCTS)[number];
  desk: string;
  businessDate: string;
  executionTs: string;
  anomaly: boolean;
  score: number;
}

/** Trade i: spread over `days` KST business dates ending `lastDate`; every `anomalyEvery`-th one an anomaly. */
export function tradeSpec(i: number, lastDate: string, days: number, anomalyEvery: number): TradeSpec {
  const dayOffset = i % days;
  const businessDate = new Date(Date.parse(`${lastDate}T00:00:00Z`) - dayOffset * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // 09:00–15:00 KST is 00:00–06:00 UTC on the same date.
  const executionTs = new Date(
    Date.parse(`${businessDate}T00:00:00Z`) + Math.floor(rand(i, 1) * 21_600_000),
  ).toISOString();
  const anomaly = i % anomalyEvery === 0;
  return {
    i,
    eventKey: uuidOf(i),
    uti: `${BANK}B${String(i).padStart(12, '0')}`,
    product: PRODUCTS[i % PRODUCTS.length]!,
    desk: DESKS[Math.floor(rand(i, 2) * DESKS.length)]!,
    businessDate,
    executionTs,
    anomaly,
    score: anomaly ? 0.6 + rand(i, 3) * 0.4 : rand(i, 3) * 0.55,
  };
}

function* tradeLines(count: number, spec: (i: number) => TradeSpec) {
  for (let i = 1; i <= count; i++) {
    const t = spec(i);
    yield (
      [
        t.eventKey,
        'file',
        t.uti,
        'NEWT',
        'TRAD',
        BANK,
        CPTY,
        'LEI',
        t.product,
        ASSET[t.product],
        String(1e9 + Math.floor(rand(i, 4) * 1e11)),
        'KRW',
        (0.02 + rand(i, 5) * 0.02).toFixed(6),
        t.executionTs,
        '2026-11-24',
        '2031-11-24',
        'Y',
        t.desk,
        `T${i % 40}`,
        'TAINTUBE',
      ].join('\t') + '\n'
    );
  }
}

function* scoreLines(count: number, spec: (i: number) => TradeSpec) {
  for (let i = 1; i <= count; i++) {
    const t = spec(i);
    const members = JSON.stringify({
      iforest: { score: t.score, vote: t.anomaly },
      ocsvm: { score: t.score * 0.9, vote: t.anomaly },
    });
    const hits = t.anomaly ? '[{"rule":"notional_above_threshold","reason":"bench"}]' : '[]';
    yield (
      [
        t.eventKey,
        t.executionTs,
        'bench-v1',
        t.score.toFixed(6),
        members,
        hits,
        t.anomaly ? 't' : 'f',
        '{}',
        'batch',
      ].join('\t') + '\n'
    );
  }
}

function* anomalyLines(count: number, spec: (i: number) => TradeSpec) {
  for (let i = 1; i <= count; i++) {
    const t = spec(i);
    if (!t.anomaly) continue;
    const status = STATUSES[Math.floor(rand(i, 6) * STATUSES.length)]!;
    yield (
      [
        t.eventKey,
        t.executionTs,
        t.businessDate,
        t.uti,
        t.product,
        t.desk,
        t.score.toFixed(6),
        'bench-v1',
        '[{"rule":"notional_above_threshold","reason":"bench"}]',
        'batch',
        status,
        `anomaly-${t.eventKey}`,
      ].join('\t') + '\n'
    );
  }
}

async function copy(pool: pg.Pool, sql: string, lines: Iterable<string>) {
  const client = await pool.connect();
  try {
    await pipeline(Readable.from(lines), client.query(copyFrom(sql)));
  } finally {
    client.release();
  }
}

/** Bulk-loads `count` trades with their score rows and the anomalies among them (COPY, text format). */
export async function loadBenchData(pool: pg.Pool, count: number, spec: (i: number) => TradeSpec): Promise<void> {
  await copy(
    pool,
    `COPY trades (event_key, source, uti, action_type, event_type, counterparty_1, counterparty_2, counterparty_2_id_type,
      product, asset_class, notional_leg1, notional_currency_leg1, fixed_rate_leg1, execution_ts, effective_date,
      expiration_date, cleared, desk, trader_id, source_system) FROM STDIN`,
    tradeLines(count, spec),
  );
  await copy(
    pool,
    `COPY trade_scores (event_key, execution_ts, model_version, ensemble_score, member_scores, rule_hits, is_anomaly,
      explanation, scored_by) FROM STDIN`,
    scoreLines(count, spec),
  );
  await copy(
    pool,
    `COPY anomalies (event_key, execution_ts, business_date, uti, product, desk, ensemble_score, model_version,
      rule_hits, detected_by, status, workflow_id) FROM STDIN`,
    anomalyLines(count, spec),
  );
  await pool.query('ANALYZE trades; ANALYZE trade_scores; ANALYZE anomalies');
}

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../client/users/password-hash';
import { addUser } from '../../client/users/users.repository';
import type { Database, StaffRole } from '../../schemas/db/database';
import { anomalyWorkflowId } from '../../schemas/workflow-ids';
import { BANK_LEI, CCP_LEI, CPTY_LEI } from './trade-rows';

/** A trade event key (uuid text) derived from a label, as the ingest derives one from the record. */
export function eventKeyOf(label: string): string {
  const hex = createHash('md5').update(label).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Cheap scrypt cost for test users: the login path is the same, the hashes just take less time. */
export const TEST_SCRYPT = { N: 2 ** 12 } as const;
export const TEST_PASSWORD = 'correct horse battery staple';

export async function seedUser(db: Kysely<Database>, name: string, role: StaffRole, password = TEST_PASSWORD) {
  await addUser(db, { name, role, passwordHash: await hashPassword(password, TEST_SCRYPT) });
}

// Event keys differ per test process, so workflows that one suite leaves on the shared Temporal server never meet
// another suite's anomalies.
const RUN_SALT = randomBytes(6).toString('hex');

export interface SeededAnomaly {
  eventKey: string;
  uti: string;
  executionTs: string;
  businessDate: string;
}

/** One trade with its score row and anomaly (rule hits, member scores, top features) and an alert e-mail. */
export async function seedAnomaly(
  db: Kysely<Database>,
  n: number,
  overrides: {
    product?: string;
    desk?: string;
    score?: number;
    businessDate?: string;
    status?: Database['anomalies']['status']['__select__'];
  } = {},
): Promise<SeededAnomaly> {
  const eventKey = eventKeyOf(`anomaly-${RUN_SALT}-${n}`);
  const uti = `${BANK_LEI}A${String(n).padStart(10, '0')}`;
  const businessDate = overrides.businessDate ?? '2026-11-20';
  const executionTs = `${businessDate}T01:15:30.000Z`;
  const product = overrides.product ?? 'IRS';
  const desk = overrides.desk ?? '금리스왑데스크';
  const score = overrides.score ?? 0.9;
  const ruleHits = [{ rule: 'notional_above_threshold', reason: '명목금액이 상품별 한도를 넘음' }];
  await db
    .insertInto('trades')
    .values({
      event_key: eventKey,
      source: 'api',
      uti,
      action_type: 'NEWT',
      event_type: 'TRAD',
      counterparty_1: BANK_LEI,
      counterparty_2: CPTY_LEI,
      counterparty_2_id_type: 'LEI',
      product,
      asset_class: 'IR',
      notional_leg1: '90000000000',
      notional_currency_leg1: 'KRW',
      fixed_rate_leg1: '0.0325',
      execution_ts: executionTs,
      effective_date: '2026-11-24',
      expiration_date: '2031-11-24',
      cleared: 'Y',
      central_counterparty: CCP_LEI,
      desk,
      trader_id: 'T001',
      source_system: 'TAINON',
    })
    .execute();
  await db
    .insertInto('trade_scores')
    .values({
      event_key: eventKey,
      execution_ts: executionTs,
      model_version: 'v-test',
      ensemble_score: score,
      is_anomaly: true,
      scored_by: 'api',
      member_scores: JSON.stringify({
        iforest: { score: 0.81, vote: true },
        ocsvm: { score: 0.62, vote: true },
        autoencoder: { score: 0.4, vote: false },
      }),
      rule_hits: JSON.stringify(ruleHits),
      explanation: JSON.stringify({
        iforest: [
          { feature: 'notional_log_z', contribution: 0.42 },
          { feature: 'rate_deviation_bp', contribution: 0.17 },
        ],
      }),
    })
    .execute();
  await db
    .insertInto('anomalies')
    .values({
      event_key: eventKey,
      execution_ts: executionTs,
      business_date: businessDate,
      uti,
      product,
      desk,
      ensemble_score: score,
      model_version: 'v-test',
      rule_hits: JSON.stringify(ruleHits),
      detected_by: 'api',
      workflow_id: anomalyWorkflowId(eventKey),
      ...(overrides.status ? { status: overrides.status } : {}),
    })
    .execute();
  await db
    .insertInto('alert_messages')
    .values({
      message_id: `<alert-${eventKey}@test>`,
      anomaly_event_key: eventKey,
      kind: 'alert',
      recipients: ['ops@bank.test'],
      subject: `[이상거래] ${uti}`,
      status: 'sent',
      sent_at: new Date(),
    })
    .execute();
  return { eventKey, uti, executionTs, businessDate };
}

/** An ingested file with rejected rows (Korean reasons, and a raw cell that a spreadsheet would run as a formula). */
export async function seedFileWithRejections(db: Kysely<Database>, name = 'trades-2026-11-20.csv') {
  const sha256 = createHash('sha256').update(name).digest('hex');
  const file = await db
    .insertInto('ingested_files')
    .values({
      sha256,
      original_name: name,
      stored_path: `/data/files/${sha256}.csv`,
      size_bytes: 1234,
      workflow_id: `ingest-${sha256}`,
      status: 'loaded',
      rows_read: 5,
      rows_loaded: 2,
      rows_rejected: 3,
      rows_duplicate: 0,
      encoding: 'utf8',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = [
    { line_no: 2, raw: 'BADUTI,,NEWT', reasons: ['uti: 형식이 맞지 않음'] },
    {
      line_no: 4,
      raw: '=HYPERLINK("http://evil"),x',
      reasons: ['product: unknown product', 'notional_leg1: must be > 0'],
    },
    { line_no: 5, raw: 'a,"b, c",데스크', reasons: ['execution_ts: in the future'] },
  ];
  await db
    .insertInto('rejected_rows')
    .values(rows.map((r) => ({ file_id: file.id, ...r })))
    .execute();
  return { id: file.id, sha256, rows };
}

/** Two model versions (a champion and a candidate) with the champion's history. */
export async function seedModels(db: Kysely<Database>) {
  for (const [version, status] of [
    ['2026-W46-a', 'champion'],
    ['2026-W47-a', 'candidate'],
  ] as const) {
    await db
      .insertInto('model_versions')
      .values({
        version,
        training_week: version.slice(0, 8),
        training_from: '2026-11-09T00:00:00Z',
        training_to: '2026-11-16T00:00:00Z',
        sample_size: 50000,
        holdout_size: 5000,
        metrics: JSON.stringify({ ensemble: { rocAuc: 0.93, prAuc: 0.61, f1: 0.55 } }),
        ensemble: '{}',
        feature_schema: '[]',
        feature_reference: '{}',
        drift: JSON.stringify({ scorePsi: 0.04 }),
        onnx_path: `/models/${version}.onnx`,
        onnx_sha256: 'ab'.repeat(32),
        status,
        workflow_id: `training-${version}`,
      })
      .execute();
    await db
      .insertInto('model_events')
      .values({ version, event: 'registered', reason: 'trained', actor: 'training' })
      .execute();
  }
}

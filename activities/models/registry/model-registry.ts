import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ModelStatus } from '../../../schemas/db/database';

export interface NewModelVersion {
  version: string;
  trainingWeek: string;
  trainingFrom: Date;
  trainingTo: Date;
  sampleSize: number;
  holdoutSize: number;
  metrics: Record<string, unknown>;
  ensemble: Record<string, unknown>;
  featureSchema: string[];
  featureReference: unknown;
  drift: Record<string, unknown> | null;
  onnxPath: string;
  onnxSha256: string;
  workflowId: string;
}

export interface ModelVersionSummary {
  version: string;
  trainingWeek: string;
  status: ModelStatus;
  onnxPath: string;
  onnxSha256: string;
  metrics: Record<string, unknown>;
  promotionReason: string | null;
  createdAt: Date;
  promotedAt: Date | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Records a trained version as a candidate; registering the same version again changes nothing. */
export async function registerModelVersion(db: Kysely<Database>, v: NewModelVersion): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('model_versions')
      .values({
        version: v.version,
        training_week: v.trainingWeek,
        training_from: v.trainingFrom,
        training_to: v.trainingTo,
        sample_size: v.sampleSize,
        holdout_size: v.holdoutSize,
        metrics: JSON.stringify(v.metrics),
        ensemble: JSON.stringify(v.ensemble),
        feature_schema: JSON.stringify(v.featureSchema),
        feature_reference: JSON.stringify(v.featureReference),
        drift: v.drift ? JSON.stringify(v.drift) : null,
        onnx_path: v.onnxPath,
        onnx_sha256: v.onnxSha256,
        status: 'candidate',
        workflow_id: v.workflowId,
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .returning('version')
      .executeTakeFirst();
    if (inserted) await addEvent(tx, v.version, 'registered', `trained on ${v.trainingWeek}`, 'training');
  });
}

export async function findModelVersion(db: Db, version: string): Promise<ModelVersionSummary | undefined> {
  const row = await db.selectFrom('model_versions').selectAll().where('version', '=', version).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export async function currentChampion(db: Db): Promise<ModelVersionSummary | undefined> {
  const row = await db.selectFrom('model_versions').selectAll().where('status', '=', 'champion').executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export async function listModelVersions(db: Db): Promise<ModelVersionSummary[]> {
  const rows = await db.selectFrom('model_versions').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toSummary);
}

/**
 * Makes `version` the champion and retires the previous one, in one transaction (a unique index allows one
 * champion only). Idempotent: promoting the current champion again records nothing.
 */
export async function promoteModelVersion(
  db: Kysely<Database>,
  options: { version: string; reason: string; actor: string; event?: 'promoted' | 'rolled_back'; at: Date },
): Promise<{ previous: string | null; changed: boolean }> {
  return db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE model_versions IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    const target = await tx
      .selectFrom('model_versions')
      .select(['version', 'status'])
      .where('version', '=', options.version)
      .executeTakeFirst();
    if (!target) throw new Error(`no model version ${options.version}`);
    const previous = await currentChampion(tx);
    if (previous?.version === options.version) return { previous: previous.version, changed: false };
    if (previous) {
      await tx
        .updateTable('model_versions')
        .set({ status: 'retired' })
        .where('version', '=', previous.version)
        .execute();
      await addEvent(tx, previous.version, 'retired', `replaced by ${options.version}`, options.actor);
    }
    await tx
      .updateTable('model_versions')
      .set({ status: 'champion', promotion_reason: options.reason, promoted_at: options.at })
      .where('version', '=', options.version)
      .execute();
    await addEvent(tx, options.version, options.event ?? 'promoted', options.reason, options.actor);
    return { previous: previous?.version ?? null, changed: true };
  });
}

/** Records why a candidate was not promoted; it stays a candidate (and can be promoted by hand later). */
export async function keepChampion(
  db: Kysely<Database>,
  options: { version: string; reason: string; actor: string },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('model_versions')
      .set({ promotion_reason: options.reason })
      .where('version', '=', options.version)
      .execute();
    await addEvent(tx, options.version, 'kept_champion', options.reason, options.actor);
  });
}

export async function modelEvents(db: Db, version?: string) {
  let query = db.selectFrom('model_events').selectAll().orderBy('id');
  if (version) query = query.where('version', '=', version);
  return query.execute();
}

async function addEvent(
  db: Db,
  version: string,
  event: Database['model_events']['event'],
  reason: string,
  actor: string,
) {
  await db.insertInto('model_events').values({ version, event, reason, actor }).execute();
}

function toSummary(row: {
  version: string;
  training_week: string;
  status: ModelStatus;
  onnx_path: string;
  onnx_sha256: string;
  metrics: Record<string, unknown>;
  promotion_reason: string | null;
  created_at: Date;
  promoted_at: Date | null;
}): ModelVersionSummary {
  return {
    version: row.version,
    trainingWeek: row.training_week,
    status: row.status,
    onnxPath: row.onnx_path,
    onnxSha256: row.onnx_sha256,
    metrics: row.metrics,
    promotionReason: row.promotion_reason,
    createdAt: row.created_at,
    promotedAt: row.promoted_at,
  };
}

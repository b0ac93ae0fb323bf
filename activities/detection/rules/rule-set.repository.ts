import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import { DEFAULT_RULE_SET, parseRuleSet, type RuleSet, type RuleSetInput } from '../../../schemas/detection/rule-set';

export interface StoredRuleSet {
  version: number;
  /** As written (market hours as HH:MM), for display and export. */
  input: RuleSetInput;
  rules: RuleSet;
  createdBy: string;
  createdAt: Date;
}

/**
 * The active rule set; seeds DEFAULT_RULE_SET as version 1 when none exists yet. Concurrent first calls race on
 * the primary key, and the loser reads the winner's row.
 */
export async function activeRuleSet(db: Kysely<Database>): Promise<StoredRuleSet> {
  const found = await readActive(db);
  if (found) return found;
  await db
    .insertInto('rule_sets')
    .values({ version: 1, rules: JSON.stringify(DEFAULT_RULE_SET), active: true, created_by: 'default' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const seeded = await readActive(db);
  if (!seeded) throw new Error('no active rule set, and the default could not be seeded');
  return seeded;
}

/** Stores `input` as a new version and makes it the active one, in one transaction. Throws when it is invalid. */
export async function setRuleSet(db: Kysely<Database>, input: unknown, createdBy: string): Promise<StoredRuleSet> {
  parseRuleSet(input);
  await activeRuleSet(db);
  await db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE rule_sets IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    const { max } = await tx
      .selectFrom('rule_sets')
      .select((eb) => eb.fn.max('version').as('max'))
      .executeTakeFirstOrThrow();
    await tx.updateTable('rule_sets').set({ active: false }).where('active', '=', true).execute();
    await tx
      .insertInto('rule_sets')
      .values({ version: (max ?? 0) + 1, rules: JSON.stringify(input), active: true, created_by: createdBy })
      .execute();
  });
  return (await readActive(db))!;
}

async function readActive(db: Kysely<Database>): Promise<StoredRuleSet | undefined> {
  const row = await db.selectFrom('rule_sets').selectAll().where('active', '=', true).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

function toStored(row: { version: number; rules: unknown; created_by: string; created_at: Date }): StoredRuleSet {
  return {
    version: row.version,
    input: row.rules as RuleSetInput,
    rules: parseRuleSet(row.rules),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

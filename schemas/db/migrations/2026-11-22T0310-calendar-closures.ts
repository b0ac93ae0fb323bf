import { sql, type Kysely } from 'kysely';

// Ad-hoc market closures on top of the public holidays (and, for a year the holiday package does not cover yet,
// the gazette's holidays entered by an operator as kind 'holiday'). Read by the loadBusinessCalendar activity.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_closures (
      closed_on date PRIMARY KEY,
      reason text NOT NULL,
      kind text NOT NULL DEFAULT 'closure' CHECK (kind IN ('closure', 'holiday')),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_closures').ifExists().execute();
}

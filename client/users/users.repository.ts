import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../../schemas/db/database';

export const STAFF_ROLES = ['viewer', 'reviewer', 'admin'] as const satisfies readonly StaffRole[];
export const USER_NAME = /^[A-Za-z0-9._-]{2,64}$/;

export interface StaffUser {
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** Creates a user, or fails with a clear message when the name is taken. */
export async function addUser(
  db: Kysely<Database>,
  user: { name: string; role: StaffRole; passwordHash: string },
): Promise<{ created: boolean }> {
  if (!USER_NAME.test(user.name)) throw new Error('user name: 2–64 characters of A–Z a–z 0–9 . _ -');
  const row = await db
    .insertInto('users')
    .values({ name: user.name, role: user.role, password_hash: user.passwordHash })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return { created: Boolean(row) };
}

/** Disables a user; their next login fails. Returns false when there is no such user. */
export async function disableUser(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ disabled: true, updated_at: new Date() })
    .where('name', '=', name)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listUsers(db: Kysely<Database>): Promise<StaffUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    role: r.role,
    disabled: r.disabled,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  }));
}

/** The login record of an enabled user (with the hash), or undefined. */
export async function findLoginUser(db: Kysely<Database>, name: string) {
  return db
    .selectFrom('users')
    .select(['name', 'role', 'password_hash'])
    .where('name', '=', name)
    .where('disabled', '=', false)
    .executeTakeFirst();
}

export async function touchLogin(db: Kysely<Database>, name: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('name', '=', name).execute();
}

/** Logout: the token id is refused until the token would have expired anyway. */
export async function revokeToken(
  db: Kysely<Database>,
  token: { jti: string; subject: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('revoked_tokens')
    .values({ jti: token.jti, subject: token.subject, expires_at: token.expiresAt })
    .onConflict((oc) => oc.column('jti').doNothing())
    .execute();
  // Housekeeping: revocations of tokens that have expired no longer matter.
  await db.deleteFrom('revoked_tokens').where('expires_at', '<', new Date()).execute();
}

export async function isTokenRevoked(db: Kysely<Database>, jti: string): Promise<boolean> {
  const row = await db.selectFrom('revoked_tokens').select('jti').where('jti', '=', jti).executeTakeFirst();
  return Boolean(row);
}

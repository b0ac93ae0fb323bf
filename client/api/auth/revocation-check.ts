import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';

/**
 * `isRevoked(jti)` with one database query per round trip instead of one per request: checks that arrive while a
 * query is running wait and go together as the next query (`jti IN (…)`). Every check is still answered by a query
 * sent after it was asked, so a logout is seen by every request that arrives after it, exactly as before; only the
 * number of queries under load falls (at hundreds of requests a second with one token, to one per round trip).
 */
export function batchedRevocationCheck(db: Kysely<Database>): (jti: string) => Promise<boolean> {
  let waiting = new Map<string, { resolve: (revoked: boolean) => void; reject: (error: unknown) => void }[]>();
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (waiting.size > 0) {
      const batch = waiting;
      waiting = new Map();
      try {
        const rows = await db
          .selectFrom('revoked_tokens')
          .select('jti')
          .where('jti', 'in', [...batch.keys()])
          .execute();
        const revoked = new Set(rows.map((r) => r.jti));
        for (const [jti, callers] of batch) for (const c of callers) c.resolve(revoked.has(jti));
      } catch (error) {
        for (const callers of batch.values()) for (const c of callers) c.reject(error);
      }
    }
    running = false;
  }

  return (jti) =>
    new Promise((resolve, reject) => {
      const callers = waiting.get(jti) ?? [];
      callers.push({ resolve, reject });
      waiting.set(jti, callers);
      if (!running) void drain();
    });
}

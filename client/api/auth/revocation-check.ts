import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';

type Waiting = Map<string, { resolve: (revoked: boolean) => void; reject: (error: unknown) => void }[]>;

/**
 * `isRevoked(jti)` with one database query per turn of the event loop instead of one per request: the checks asked
 * while the loop handles a burst of requests go together as one `jti IN (…)` query, sent at the end of that turn.
 * Every check is still answered by a query sent after it was asked, so a logout is seen by every request that
 * arrives after it, exactly as before; queries do not wait for each other, so a check costs one round trip.
 */
export function batchedRevocationCheck(db: Kysely<Database>): (jti: string) => Promise<boolean> {
  let waiting: Waiting = new Map();

  async function flush(): Promise<void> {
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

  return (jti) =>
    new Promise((resolve, reject) => {
      if (waiting.size === 0) setImmediate(() => void flush());
      const callers = waiting.get(jti) ?? [];
      callers.push({ resolve, reject });
      waiting.set(jti, callers);
    });
}

export interface RevocationCheck {
  isRevoked: (jti: string) => Promise<boolean>;
  /** A token this process has just revoked (its own logout): refused from now on, without asking the database. */
  revoked: (jti: string) => void;
}

/** Remembered answers are forgotten wholesale past this many tokens (the live ones are asked again). */
const MAX_REMEMBERED = 100_000;

/**
 * `check` with its answers remembered: "not revoked" for `maxAgeMs`, "revoked" for good. An upstream system posting
 * hundreds of trades a second with one token then costs one revocation query per `maxAgeMs`, not one per request.
 * A logout in this process is seen at once (`revoked`); one in another process (the CLI, another API instance)
 * within `maxAgeMs`. `maxAgeMs` 0 asks every time.
 */
export function rememberedRevocationCheck(
  check: (jti: string) => Promise<boolean>,
  options: { maxAgeMs: number; clock?: () => number },
): RevocationCheck {
  const clock = options.clock ?? (() => Date.now());
  const revoked = new Set<string>();
  const liveAt = new Map<string, number>();
  return {
    async isRevoked(jti) {
      if (revoked.has(jti)) return true;
      const at = liveAt.get(jti);
      if (at !== undefined && clock() - at < options.maxAgeMs) return false;
      const asked = clock();
      const answer = await check(jti);
      if (answer) {
        if (revoked.size >= MAX_REMEMBERED) revoked.clear();
        revoked.add(jti);
        liveAt.delete(jti);
      } else if (!revoked.has(jti)) {
        if (liveAt.size >= MAX_REMEMBERED) liveAt.clear();
        // From when it was asked: a revocation committed after that is seen within maxAgeMs of the question.
        liveAt.set(jti, asked);
      }
      return answer || revoked.has(jti);
    },
    revoked(jti) {
      if (revoked.size >= MAX_REMEMBERED) revoked.clear();
      revoked.add(jti);
      liveAt.delete(jti);
    },
  };
}

import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import {
  FEATURE_TRADE_COLUMNS,
  fromTradeRow,
  type FeatureTrade,
} from '../../../activities/models/features/feature-trade';

const BUCKET_MS = 60_000;

/**
 * The recent flow, held in memory by the minute, for real-time context: at hundreds of requests a second every
 * request needs the same few thousand neighbouring trades, and reading and parsing them from PostgreSQL per request
 * cost more than scoring. A minute is read once and kept for `ttlMs`; trades this process stores join it at once;
 * trades another process stores reach it when the minute is read again (at most ttlMs later), which only the
 * context of the next ttlMs of requests misses.
 */
export class ContextCache {
  private readonly minutes = new Map<number, { trades: FeatureTrade[]; keys: Set<string>; readAt: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** The stored trades executed in [fromMs, toMs], except `exclude`, earliest first, at most `limit` (the latest). */
  async trades(options: {
    fromMs: number;
    toMs: number;
    exclude: ReadonlySet<string>;
    limit: number;
  }): Promise<FeatureTrade[]> {
    const now = this.clock();
    const first = Math.floor(options.fromMs / BUCKET_MS);
    const last = Math.floor(options.toMs / BUCKET_MS);
    const stale: number[] = [];
    for (let m = first; m <= last; m++) {
      const cached = this.minutes.get(m);
      if (!cached || now - cached.readAt > this.ttlMs) stale.push(m);
    }
    if (stale.length > 0) await this.read(stale[0]!, stale.at(-1)!, now);
    const out: FeatureTrade[] = [];
    for (let m = first; m <= last; m++) {
      for (const t of this.minutes.get(m)?.trades ?? []) {
        if (t.executionMs >= options.fromMs && t.executionMs <= options.toMs && !options.exclude.has(t.event_key))
          out.push(t);
      }
    }
    out.sort((a, b) => a.executionMs - b.executionMs);
    return out.length > options.limit ? out.slice(out.length - options.limit) : out;
  }

  /** Trades this process has just stored: visible to the next request at once. */
  add(trades: readonly FeatureTrade[]): void {
    for (const t of trades) {
      const minute = this.minutes.get(Math.floor(t.executionMs / BUCKET_MS));
      // A minute read after the trade was stored holds it already.
      if (minute && !minute.keys.has(t.event_key)) {
        minute.trades.push(t);
        minute.keys.add(t.event_key);
      }
    }
  }

  /** Reads minutes first..last in one query and replaces them. */
  private async read(first: number, last: number, now: number): Promise<void> {
    const rows = await this.db
      .selectFrom('trades')
      .select(FEATURE_TRADE_COLUMNS)
      .where('execution_ts', '>=', new Date(first * BUCKET_MS))
      .where('execution_ts', '<', new Date((last + 1) * BUCKET_MS))
      .execute();
    for (let m = first; m <= last; m++) this.minutes.set(m, { trades: [], keys: new Set(), readAt: now });
    for (const row of rows) {
      const t = fromTradeRow(row);
      const minute = this.minutes.get(Math.floor(t.executionMs / BUCKET_MS))!;
      minute.trades.push(t);
      minute.keys.add(t.event_key);
    }
    this.evict(now);
  }

  /** Forgets minutes not read for a while, so memory follows the flow's recent window. */
  private evict(now: number): void {
    if (this.minutes.size < 2000) return;
    for (const [m, cached] of this.minutes) if (now - cached.readAt > 10 * this.ttlMs) this.minutes.delete(m);
  }
}

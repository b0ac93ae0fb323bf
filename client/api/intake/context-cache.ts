import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import {
  FEATURE_TRADE_COLUMNS,
  fromTradeRow,
  type FeatureTrade,
} from '../../../activities/models/features/feature-trade';

const BUCKET_MS = 60_000;
/** received_at is the database's clock, readAt this process's: a refresh looks this far further back. */
const RECEIVED_SKEW_MS = 5_000;

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
    const missing: number[] = [];
    const stale: number[] = [];
    for (let m = first; m <= last; m++) {
      const cached = this.minutes.get(m);
      if (!cached) missing.push(m);
      else if (now - cached.readAt > this.ttlMs) stale.push(m);
    }
    if (missing.length > 0) await this.read(missing[0]!, missing.at(-1)!, now);
    if (stale.length > 0) await this.refresh(stale, now);
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

  /** Reads minutes first..last in one query (the ones between may be cached: they are replaced, complete). */
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

  /**
   * Adds what other processes stored in already cached minutes since they were read: only rows received since then
   * (less a margin for clock skew) are fetched and parsed, so keeping a busy window fresh costs little.
   */
  private async refresh(minutes: number[], now: number): Promise<void> {
    const since = Math.min(...minutes.map((m) => this.minutes.get(m)!.readAt)) - RECEIVED_SKEW_MS;
    const rows = await this.db
      .selectFrom('trades')
      .select(FEATURE_TRADE_COLUMNS)
      .where('execution_ts', '>=', new Date(minutes[0]! * BUCKET_MS))
      .where('execution_ts', '<', new Date((minutes.at(-1)! + 1) * BUCKET_MS))
      .where('received_at', '>=', new Date(since))
      .execute();
    for (const m of minutes) this.minutes.get(m)!.readAt = now;
    this.add(rows.map(fromTradeRow));
  }

  /** Forgets minutes not read for a while, so memory follows the flow's recent window. */
  private evict(now: number): void {
    if (this.minutes.size < 2000) return;
    for (const [m, cached] of this.minutes) if (now - cached.readAt > 10 * this.ttlMs) this.minutes.delete(m);
  }
}

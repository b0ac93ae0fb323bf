import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import type { TradeRecord } from '../../../schemas/trade/fields';

/**
 * Stores posted trades (source 'api') under their event keys; an event already stored, from a file or an earlier
 * post, is left as it is. Returns the keys this call stored: the others are duplicates.
 */
export async function storeApiTrades(
  db: Kysely<Database>,
  trades: readonly { record: TradeRecord; eventKey: string }[],
): Promise<Set<string>> {
  const inserted = await db
    .insertInto('trades')
    .values(trades.map(({ record, eventKey }) => ({ ...record, event_key: eventKey, source: 'api' as const })))
    .onConflict((oc) => oc.columns(['execution_ts', 'event_key']).doNothing())
    .returning('event_key')
    .execute();
  return new Set(inserted.map((r) => r.event_key));
}

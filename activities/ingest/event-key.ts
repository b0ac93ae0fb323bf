import { createHash } from 'node:crypto';
import type { TradeRecord } from '../../schemas/trade/fields';
import { tradeCopyText } from './copy-text';

/**
 * A trade event's id: the md5 of its canonical record text, as a uuid. The same rule as file ingestion (which hashes
 * the same text as it writes the COPY line), so the same event from a file and from the API is one event.
 */
export function eventKeyOf(record: TradeRecord): string {
  const hex = createHash('md5').update(tradeCopyText(record), 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

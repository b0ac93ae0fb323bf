import { hash32 } from './prng';
import type { TradeEvent, TradeTerms } from './trade-terms';

/**
 * UTIs and source trade ids for new trades: the bank's LEI, then the business date, a tag derived from the seed
 * and a sequence number (20 + 8 + 7 + 9 = 44 characters of A–Z 0–9). Unique within a file, and across files
 * of other dates or seeds unless two seeds' 32-bit tags collide.
 */
export class TradeIds {
  private sequence = 0;
  private readonly utiPrefix: string;
  private readonly sourcePrefix: string;

  constructor(bankLei: string, date: string, seed: number) {
    const compactDate = date.replaceAll('-', '');
    const tag = hash32(`uti/${seed}`).toString(36).toUpperCase().padStart(7, '0');
    this.utiPrefix = bankLei + compactDate + tag;
    this.sourcePrefix = `KSB-${compactDate}-${tag}-`;
  }

  /** The NEWT event of a new trade, with the next UTI. */
  newTrade(executionMs: number, terms: TradeTerms): TradeEvent {
    this.sequence++;
    const number = String(this.sequence).padStart(9, '0');
    // Built field by field: an object spread here cost more than the rest of the row (V8, Node 20).
    return {
      uti: this.utiPrefix + number,
      actionType: 'NEWT',
      eventType: 'TRAD',
      executionMs,
      sourceTradeId: this.sourcePrefix + number,
      terms,
    };
  }
}

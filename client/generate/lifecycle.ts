import type { EventType } from '../../schemas/trade/fields';
import type { Prng } from './prng';
import type { ReferenceData } from './reference-data';
import type { TradeEvent, TradeTerms } from './trade-terms';

interface LiveTrade {
  uti: string;
  sourceTradeId: string;
  terms: TradeTerms;
  /** Time of this trade's latest event; a later event must come strictly after it. */
  lastMs: number;
  version: number;
}

/** A lifecycle event comes at least this long after the trade's previous event. */
const MIN_GAP_MS = 60_000;
const NOTIONAL_FACTORS = [0.5, 0.75, 1.25, 1.5, 2];

/**
 * The trades booked earlier in the file that later rows may amend or terminate. A fixed-size ring of a sample of
 * the new trades keeps memory bounded however many rows are generated; sampling keeps the ring spanning minutes
 * to hours of trading even on busy days (and spares the garbage collector from promoting every trade).
 */
export class LifecycleBook {
  private readonly slots: (LiveTrade | undefined)[];
  private cursor = 0;
  private filled = 0;

  constructor(
    private readonly ref: ReferenceData,
    private readonly keepShare = 0.15,
    capacity = 4096,
  ) {
    this.slots = new Array<LiveTrade | undefined>(capacity);
  }

  /** Keeps a new trade (with probability `keepShare`) as a candidate for later lifecycle events. */
  offer(rng: Prng, event: TradeEvent): void {
    if (rng.next() >= this.keepShare) return;
    this.slots[this.cursor] = {
      uti: event.uti,
      sourceTradeId: event.sourceTradeId,
      terms: event.terms,
      lastMs: event.executionMs,
      version: 1,
    };
    this.cursor = (this.cursor + 1) % this.slots.length;
    this.filled = Math.min(this.filled + 1, this.slots.length);
  }

  /** A MODI or TERM event at `nowMs` for a random earlier trade, or null when the draw finds none eligible. */
  nextEvent(rng: Prng, nowMs: number, action: 'MODI' | 'TERM'): TradeEvent | null {
    if (this.filled === 0) return null;
    const index = rng.int(0, this.filled - 1);
    const trade = this.slots[index];
    if (trade === undefined || nowMs - trade.lastMs < MIN_GAP_MS) return null;
    const [eventType, terms] = action === 'TERM' ? this.terminate(rng, trade) : this.modify(rng, trade);
    trade.version++;
    trade.lastMs = nowMs;
    trade.terms = terms;
    if (action === 'TERM') this.slots[index] = undefined;
    return {
      uti: trade.uti,
      actionType: action,
      eventType,
      executionMs: nowMs,
      sourceTradeId: `${trade.sourceTradeId}-${trade.version}`,
      terms,
    };
  }

  private terminate(rng: Prng, trade: LiveTrade): [EventType, TradeTerms] {
    const t = trade.terms;
    // A bilateral dealer IRS that moves to the CCP ends its bilateral life with a clearing event.
    const clearing = t.product === 'IRS' && t.cleared === 'N' && t.counterparty2IdType === 'LEI' && rng.chance(0.15);
    return [clearing ? 'CLRG' : 'ETRM', t];
  }

  private modify(rng: Prng, trade: LiveTrade): [EventType, TradeTerms] {
    const t = trade.terms;
    const draw = rng.next();
    if (draw < 0.2 && t.cleared === 'Y') {
      return ['COMP', scaleNotionals(t, rng.pick([0.25, 0.4, 0.5, 0.6, 0.75]))];
    }
    if (draw < 0.4 && t.counterparty2IdType === 'LEI' && t.cleared === 'N') {
      const transferee = rng.pick(this.ref.dealers);
      if (transferee.id !== t.counterparty2) return ['NOVA', { ...t, counterparty2: transferee.id }];
    }
    return ['UPDT', scaleNotionals(t, rng.pick(NOTIONAL_FACTORS))];
  }
}

function scaleNotionals(terms: TradeTerms, factor: number): TradeTerms {
  return {
    ...terms,
    notional1: Math.round(terms.notional1 * factor),
    notional2: terms.notional2 === null ? null : Math.round(terms.notional2 * factor),
  };
}

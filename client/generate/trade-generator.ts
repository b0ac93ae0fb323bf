import {
  BURST_PRODUCTS,
  OFF_MARKET_PRODUCTS,
  fatFingerNotional,
  inconsistentDates,
  offMarketRate,
  washTerms,
} from './anomaly-injection';
import { planAnomalies, type AnomalyGroup, type AnomalySlot, type RowLabel } from './anomaly-plan';
import { parseDay } from './dates';
import { IntradayProfile, SortedIntradayTimes } from './intraday';
import { LifecycleBook } from './lifecycle';
import { buildMarket } from './market-curve';
import { Prng } from './prng';
import { buildReferenceData, type ReferenceData } from './reference-data';
import { TradeFactory } from './trade-factory';
import { TradeIds } from './trade-ids';
import { toTradeRow, type TradeRow, type TradeTerms } from './trade-terms';

export interface TradeGenerationConfig {
  /** KST business date, `YYYY-MM-DD`. */
  date: string;
  rows: number;
  seed: number;
  /** Share of rows that are labelled anomalies, 0–1. */
  anomalyRate: number;
}

export interface GeneratedRow {
  row: TradeRow;
  label: RowLabel;
}

/** Per normal row: the chance of an amendment, and of a termination, of a trade booked earlier in the file. */
const MODI_SHARE = 0.03;
const TERM_SHARE = 0.015;

/**
 * The day's trade events in execution-time order, each with its label. Pure and lazy: the same config always
 * yields the same rows, and memory stays bounded (the anomaly plan, ~rate × rows small records, is the only part
 * that grows with the row count).
 *
 * @example
 * for (const { row, label } of generateTradeRows({ date: '2026-11-20', rows: 1000, seed: 7, anomalyRate: 0.01 })) …
 */
export function* generateTradeRows(config: TradeGenerationConfig): Generator<GeneratedRow, void, undefined> {
  const tradeDay = parseDay(config.date);
  if (tradeDay === null) throw new Error(`not a date: ${config.date}`);
  const root = new Prng(`swap-reporting/generate/${config.seed}/${config.date}`);
  const ref = buildReferenceData();
  const factory = new TradeFactory(ref, buildMarket(config.date), tradeDay);
  const profile = new IntradayProfile();
  const plan = planAnomalies(Math.round(config.rows * config.anomalyRate), root.fork('plan'), profile, ref);
  const times = new SortedIntradayTimes(config.rows - plan.slots.length, root.fork('times'), profile);
  const injector = new AnomalyRows(ref, factory, tradeDay, root.fork('anomalies'));
  const tradeRng = root.fork('trades');
  const lifecycleRng = root.fork('lifecycle');
  const book = new LifecycleBook(ref);
  const ids = new TradeIds(ref.bank.lei, config.date, config.seed);

  let nextNormalMs = times.left > 0 ? times.next() : Infinity;
  let slotIndex = 0;
  for (let emitted = 0; emitted < config.rows; emitted++) {
    const slot = plan.slots[slotIndex];
    if (slot !== undefined && slot.ms < nextNormalMs) {
      slotIndex++;
      const group = plan.groups[slot.group] as AnomalyGroup;
      const terms = injector.terms(group, slot);
      yield { row: toTradeRow(ids.newTrade(slot.ms, terms), config.date), label: group.kind };
      continue;
    }
    const ms = nextNormalMs;
    nextNormalMs = times.left > 0 ? times.next() : Infinity;
    const draw = lifecycleRng.next();
    const action = draw < MODI_SHARE ? 'MODI' : draw < MODI_SHARE + TERM_SHARE ? 'TERM' : null;
    let event = action === null ? null : book.nextEvent(lifecycleRng, ms, action);
    if (event === null) {
      event = ids.newTrade(ms, factory.build(tradeRng));
      book.offer(lifecycleRng, event);
    }
    yield { row: toTradeRow(event, config.date), label: 'normal' };
  }
}

/** Builds the terms of each planned anomalous row; wash pairs remember their first leg until the second. */
class AnomalyRows {
  private readonly washFirstLegs = new Map<number, TradeTerms>();

  constructor(
    private readonly ref: ReferenceData,
    private readonly factory: TradeFactory,
    private readonly tradeDay: number,
    private readonly rng: Prng,
  ) {}

  terms(group: AnomalyGroup, slot: AnomalySlot): TradeTerms {
    const rng = this.rng;
    switch (group.kind) {
      case 'fat_finger_notional':
        return fatFingerNotional(this.factory.build(rng), rng);
      case 'off_market_rate':
        return offMarketRate(this.factory.build(rng, { product: OFF_MARKET_PRODUCTS.pick(rng) }), rng);
      case 'outside_market_hours':
        return this.factory.build(rng);
      case 'inconsistent_dates':
        return inconsistentDates(this.factory.build(rng), rng, this.tradeDay);
      case 'counterparty_burst':
        return this.factory.build(rng, { product: BURST_PRODUCTS.pick(rng), counterparty: group.counterparty });
      case 'wash_pair': {
        let first = this.washFirstLegs.get(slot.group);
        if (first === undefined) {
          first = this.factory.build(rng, { product: 'IRS', counterparty: group.counterparty });
          this.washFirstLegs.set(slot.group, first);
        } else {
          this.washFirstLegs.delete(slot.group);
        }
        return washTerms(first, slot.order, group.variant, this.ref, rng);
      }
    }
  }
}

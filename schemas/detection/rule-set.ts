import { z } from 'zod';

const positive = z.number().positive();
const minuteOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
  .transform((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));

/**
 * A rule set: what each detection rule checks and its limits. Stored as JSON in `rule_sets` (a change is a new
 * version, never an edit) and written by operators (`rules set FILE`), so every limit has a name that says its unit.
 */
export const ruleSetSchema = z.strictObject({
  notional: z.strictObject({
    /** Largest normal notional_leg1 by product, then by currency (`*` = any other currency). */
    maxByProduct: z.record(z.string(), z.record(z.string(), positive)),
  }),
  offMarket: z.strictObject({
    /** A new trade's quote further than this many robust scales (1.4826 × MAD) from its market level is off-market. */
    maxRobustDeviations: positive,
    /** The day's own level needs this many quotes in the bucket; otherwise the model's reference level is used. */
    minBucketQuotes: z.number().int().min(1),
  }),
  marketHours: z.strictObject({ open: minuteOfDay, close: minuteOfDay }),
  wash: z.strictObject({
    /** A mirror trade (same economics, counterparties swapped) within this many minutes makes a wash pair. */
    windowMinutes: positive,
  }),
  concentration: z.strictObject({
    windowMinutes: positive,
    /** Fewer of a counterparty's trades in the window never count as a concentration. */
    minTrades: z.number().int().min(2),
    /** Share of the window's trades a counterparty must hold at least … */
    minShare: z.number().gt(0).max(1),
    /** … and at least this many times its usual share (the model's reference, else the batch's own flow). */
    usualShareMultiple: positive,
  }),
  dates: z.strictObject({
    /** A new trade starting more than this many days after its execution date is suspicious. */
    maxForwardStartDays: z.number().int().min(0),
    /** A new trade starting more than this many days before its execution date is back-dated. */
    maxBackdatedDays: z.number().int().min(0),
    maxTenorYears: positive,
  }),
});

/** A rule set as operators write it (market hours as `HH:MM`). */
export type RuleSetInput = z.input<typeof ruleSetSchema>;
/** A parsed rule set (market hours as minutes after KST midnight). */
export type RuleSet = z.output<typeof ruleSetSchema>;

/** The rule set seeded when none is active: limits a Korean bank's swap desk would start from. */
export const DEFAULT_RULE_SET: RuleSetInput = {
  notional: {
    // A little above the largest ordinary ticket of each book, so a typed extra zero or two stands out.
    maxByProduct: {
      IRS: { KRW: 1_000_000_000_000, USD: 1_000_000_000, '*': 1_000_000_000 },
      CCS: { KRW: 1_000_000_000_000, USD: 1_000_000_000, '*': 1_000_000_000 },
      FX_SWAP: { KRW: 3_000_000_000_000, USD: 2_000_000_000, '*': 2_000_000_000 },
      CDS: { KRW: 300_000_000_000, USD: 200_000_000, '*': 200_000_000 },
      EQUITY_SWAP: { KRW: 200_000_000_000, USD: 200_000_000, '*': 200_000_000 },
    },
  },
  offMarket: { maxRobustDeviations: 8, minBucketQuotes: 10 },
  marketHours: { open: '09:00', close: '15:30' },
  wash: { windowMinutes: 10 },
  concentration: { windowMinutes: 10, minTrades: 10, minShare: 0.02, usualShareMultiple: 8 },
  dates: { maxForwardStartDays: 400, maxBackdatedDays: 5, maxTenorYears: 50 },
};

export function parseRuleSet(json: unknown): RuleSet {
  return ruleSetSchema.parse(json);
}

import { shareLookup } from './activity-window';
import type { FeatureReference } from './feature-reference';
import type { MeanStd, RobustLevel } from './robust-stats';

/** A reference's records as maps and lookups, built once per reference object (a champion keeps one for months). */
export interface ReferenceLookups {
  logNotional: ReadonlyMap<string, MeanStd>;
  rateLevels: ReadonlyMap<string, RobustLevel>;
  counterpartyShare: (name: string) => number;
  traderShare: (name: string) => number;
}

const memo = new WeakMap<FeatureReference, ReferenceLookups>();

export function lookupsOf(reference: FeatureReference): ReferenceLookups {
  let lookups = memo.get(reference);
  if (lookups === undefined) {
    lookups = {
      logNotional: new Map(Object.entries(reference.logNotional)),
      rateLevels: new Map(Object.entries(reference.rateLevels)),
      counterpartyShare: shareLookup(reference.counterpartyShare, reference.unseenShare),
      traderShare: shareLookup(reference.traderShare, reference.unseenShare),
    };
    memo.set(reference, lookups);
  }
  return lookups;
}

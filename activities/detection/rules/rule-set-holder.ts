import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import { RefreshedValue } from './refreshed-value';
import { activeRuleSet, type StoredRuleSet } from './rule-set.repository';

/** The active rule set held in memory. */
export type RuleSetHolder = RefreshedValue<StoredRuleSet>;

/** The active rule set, re-read at most once per pollMs, so `rules set` reaches running processes within pollMs. */
export function ruleSetHolder(db: Kysely<Database>, pollMs: number): RuleSetHolder {
  return new RefreshedValue(() => activeRuleSet(db), pollMs);
}

import type { Kysely } from 'kysely';
import type { Database } from '../../../schemas/db/database';
import { activeRuleSet, type StoredRuleSet } from './rule-set.repository';

/** The active rule set, re-read at most once per pollMs, so `rules set` reaches running processes within pollMs. */
export class RuleSetHolder {
  private current: StoredRuleSet | null = null;
  private readAt = -Infinity;
  private pending: Promise<StoredRuleSet> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async get(): Promise<StoredRuleSet> {
    if (this.current && this.clock() - this.readAt < this.pollMs) return this.current;
    this.pending ??= activeRuleSet(this.db)
      .then((rules) => {
        [this.current, this.readAt] = [rules, this.clock()];
        return rules;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }
}

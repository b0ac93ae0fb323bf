import { MS_PER_HOUR, MS_PER_MINUTE } from './dates';
import type { Prng } from './prng';

/** KST market hours for the rules (DESIGN: Time rules): [09:00, 15:30). */
export const MARKET_OPEN_MS = 9 * MS_PER_HOUR;
export const MARKET_CLOSE_MS = 15 * MS_PER_HOUR + 30 * MS_PER_MINUTE;

const BLOCK_MS = 30 * MS_PER_MINUTE;
/**
 * Relative activity per half hour from 09:00 to 15:30: busy at the open, a lunch lull
 * from 11:30 to 13:00, and a second peak into the close.
 */
const HALF_HOUR_WEIGHTS = [16, 11, 9, 8, 7, 4, 3, 4, 7, 8, 9, 11, 13];

/** Maps a probability in [0, 1) to a time of day under the intraday activity profile (inverse CDF). */
export class IntradayProfile {
  private readonly cumulative: number[];

  constructor(weights: readonly number[] = HALF_HOUR_WEIGHTS) {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let running = 0;
    this.cumulative = [0, ...weights.map((w) => (running += w / total))];
  }

  msAt(probability: number): number {
    let lo = 0;
    let hi = this.cumulative.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.cumulative[mid] as number) <= probability) lo = mid;
      else hi = mid - 1;
    }
    const start = this.cumulative[lo] as number;
    const width = (this.cumulative[lo + 1] as number) - start;
    const within = Math.min(Math.max((probability - start) / width, 0), 1 - 1e-12);
    return Math.min(MARKET_OPEN_MS + Math.floor((lo + within) * BLOCK_MS), MARKET_CLOSE_MS - 1);
  }

  /** A random time of day under the profile. */
  draw(rng: Prng): number {
    return this.msAt(rng.next());
  }
}

/**
 * `count` times of day drawn from the profile, produced already in ascending order and one at a time
 * (uniform order statistics by the descending product method), so a million rows need no sort and no array.
 */
export class SortedIntradayTimes {
  private remaining: number;
  private upper = 1;

  constructor(
    count: number,
    private readonly rng: Prng,
    private readonly profile: IntradayProfile,
  ) {
    this.remaining = count;
  }

  get left(): number {
    return this.remaining;
  }

  /** The next time, never earlier than the previous one. */
  next(): number {
    if (this.remaining <= 0) throw new Error('no sorted times left');
    this.upper *= Math.pow(1 - this.rng.next(), 1 / this.remaining);
    this.remaining--;
    return this.profile.msAt(1 - this.upper);
  }
}

/**
 * A value read from the database and re-read at most once per `pollMs`, so a change (a new rule set, a closure)
 * reaches running processes within that; callers asking while a read runs share it.
 */
export class RefreshedValue<T> {
  private current: { value: T; readAt: number } | null = null;
  private pending: Promise<T> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly pollMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async get(): Promise<T> {
    if (this.current && this.clock() - this.current.readAt < this.pollMs) return this.current.value;
    this.pending ??= this.read()
      .then((value) => {
        this.current = { value, readAt: this.clock() };
        return value;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }
}

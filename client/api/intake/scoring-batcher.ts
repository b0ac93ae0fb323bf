/**
 * Dynamic batching of real-time intake: while one batch is being stored and scored, requests that arrive queue up
 * and go together as the next one. Loading and featurising the surrounding flow, and each database round trip,
 * cost about the same for one trade as for fifty, so under load the cost per trade falls instead of requests
 * queueing behind each other; an idle API handles a lone request at once, with no added wait.
 */
export class ScoringBatcher<T extends { eventKey: string }, R> {
  private readonly queue: {
    items: T[];
    resolve: (value: { result: R; owned: Set<string> }) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R>,
    /** A batch takes waiting requests up to this many items (a request is never split). */
    private readonly maxItems = 2000,
  ) {}

  /**
   * Handles `items` in the next batch; resolves with that whole batch's result and the keys this request brought
   * first (the same event posted by two requests at once belongs to the earlier one; the other sees a duplicate).
   */
  submit(items: T[]): Promise<{ result: R; owned: Set<string> }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = [this.queue.shift()!];
      let size = batch[0]!.items.length;
      while (this.queue.length > 0 && size + this.queue[0]!.items.length <= this.maxItems) {
        const next = this.queue.shift()!;
        size += next.items.length;
        batch.push(next);
      }
      const first = new Map<string, { item: T; owner: number }>();
      batch.forEach((waiting, owner) => {
        for (const item of waiting.items) if (!first.has(item.eventKey)) first.set(item.eventKey, { item, owner });
      });
      try {
        const result = await this.run([...first.values()].map((f) => f.item));
        batch.forEach((waiting, owner) => {
          const owned = new Set([...first].filter(([, f]) => f.owner === owner).map(([key]) => key));
          waiting.resolve({ result, owned });
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.running = false;
  }
}

/**
 * One string object per key that trades share (a level bucket, a bucket's day): a key built afresh for each trade
 * is a new string that every Map lookup hashes and compares character by character, and one garbage string per
 * trade; the shared one is hashed once and compared by identity. Keys are found through maps of their parts, so a
 * known key costs a few lookups of short strings and builds nothing. Bounded: emptied when it holds `limit` keys
 * (sharing only saves time: keys still compare by value).
 */
export class KeyInterner {
  private root = new Map<string | number, unknown>();
  private size = 0;

  constructor(
    private readonly separator: string,
    private readonly limit: number,
  ) {}

  /** `[a, b].join(separator)`, the same string object each time for the same parts. */
  key2(a: string | number, b: string | number): string {
    const level = this.child(this.root, a);
    return (level.get(b) as string | undefined) ?? this.add([a, b]);
  }

  /** `[a, b, c, d, e].join(separator)`, the same string object each time for the same parts. */
  key5(a: string, b: string, c: string, d: string, e: string): string {
    const level = this.child(this.child(this.child(this.child(this.root, a), b), c), d);
    return (level.get(e) as string | undefined) ?? this.add([a, b, c, d, e]);
  }

  // Fixed arities rather than an array of parts: this runs once or twice per trade, and builds nothing when known.
  private child(map: Map<string | number, unknown>, part: string | number): Map<string | number, unknown> {
    let next = map.get(part) as Map<string | number, unknown> | undefined;
    if (next === undefined) map.set(part, (next = new Map()));
    return next;
  }

  private add(parts: readonly (string | number)[]): string {
    if (this.size >= this.limit) this.clear();
    let map = this.root;
    for (let i = 0; i < parts.length - 1; i++) map = this.child(map, parts[i]!);
    const key = parts.join(this.separator);
    map.set(parts[parts.length - 1]!, key);
    this.size++;
    return key;
  }

  private clear(): void {
    this.root = new Map();
    this.size = 0;
  }
}

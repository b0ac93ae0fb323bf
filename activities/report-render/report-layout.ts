/** How a report column is written: `text` cells came from input and are neutralised; `number` cells are numeric. */
export interface ReportColumn {
  name: string;
  kind: 'text' | 'number';
}

export type SheetRow = (string | number | null)[];

/** Accumulates a report's summary while its rows stream past, then renders summary sheets. */
export interface ReportSummary {
  add(row: readonly (string | null)[]): void;
  sheets(): { name: string; rows: SheetRow[] }[];
}

export interface ReportLayout {
  columns: readonly ReportColumn[];
  /** Element names of the XML machine file: the root and one element per row. */
  xml: { root: string; record: string };
  summary(): ReportSummary;
}

/** Adds decimal strings exactly (notionals have up to 25 digits): scaled integers, not floating point. */
export class DecimalSum {
  private total = 0n;
  constructor(private readonly scale = 5) {}
  add(value: string): void {
    const negative = value.startsWith('-');
    const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const scaled = BigInt(whole + fraction.slice(0, this.scale).padEnd(this.scale, '0'));
    this.total += negative ? -scaled : scaled;
  }
  toString(): string {
    const negative = this.total < 0n;
    const digits = (negative ? -this.total : this.total).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, -this.scale);
    const fraction = digits.slice(-this.scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }
}

/** Counts by key, rendered sorted for a reproducible sheet. */
export class Counter {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  entries(): [string, number][] {
    return [...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

import { REQUIRED_COLUMNS, TRADE_COLUMNS, type TradeColumn } from '../../schemas/trade/fields';

export interface HeaderLayout {
  /** For each field position, the trade column it holds, or null for an ignored extra column. */
  columns: (TradeColumn | null)[];
  warnings: string[];
}

export type HeaderCheck = { ok: true; layout: HeaderLayout } | { ok: false; error: string };

const KNOWN = new Set<string>(TRADE_COLUMNS);
const OTHER_DELIMITERS: [string, string][] = [
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'pipe'],
];

/** Checks a header record: comma-separated, every required column once, unknown columns ignored with a warning. */
export function checkHeader(fields: string[], raw: string): HeaderCheck {
  if (fields.length === 1) {
    for (const [delimiter, name] of OTHER_DELIMITERS) {
      if (raw.includes(delimiter)) {
        return {
          ok: false,
          error: `wrong delimiter: the header is ${name}-separated; trade files must be comma-separated`,
        };
      }
    }
  }
  const names = fields.map((f) => f.trim().toLowerCase());
  if (!names.some((n) => KNOWN.has(n))) {
    return {
      ok: false,
      error: `no header row: the first line names no trade columns (expected ${REQUIRED_COLUMNS.join(', ')})`,
    };
  }
  const seen = new Set<string>();
  const warnings: string[] = [];
  const columns: (TradeColumn | null)[] = [];
  for (const name of names) {
    if (seen.has(name)) return { ok: false, error: `the header names column "${name}" twice` };
    seen.add(name);
    if (KNOWN.has(name)) {
      columns.push(name as TradeColumn);
    } else {
      columns.push(null);
      warnings.push(`ignored unknown column "${name}"`);
    }
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return { ok: false, error: `the header is missing required column(s): ${missing.join(', ')}` };
  }
  return { ok: true, layout: { columns, warnings } };
}

import type { z } from 'zod';

export interface InvalidItem {
  /** Position in the posted array (0 for a single trade object). */
  index: number;
  /** Every reason, `field: message`, as file ingestion words them for a rejected row. */
  reasons: string[];
}

/**
 * Groups the batch schema's issues by trade: paths are `[index, field]` for an array and `[field]` for one object.
 * Issues that belong to no item (an empty array, too many trades, not an object) come back apart.
 */
export function groupIssues(error: z.ZodError, isArray: boolean): { items: InvalidItem[]; body: string[] } {
  const byIndex = new Map<number, string[]>();
  const body: string[] = [];
  for (const issue of error.issues) {
    const [head, ...rest] = issue.path;
    const index = isArray ? (typeof head === 'number' ? head : undefined) : 0;
    const fieldPath = (isArray ? rest : issue.path).map(String).join('.');
    const keys = issue.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
    const reason = fieldPath ? `${fieldPath}: ${issue.message}${keys}` : `${issue.message}${keys}`;
    if (index === undefined) body.push(reason);
    else byIndex.set(index, [...(byIndex.get(index) ?? []), reason]);
  }
  const items = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([index, reasons]) => ({ index, reasons }));
  return { items, body };
}

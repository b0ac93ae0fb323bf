import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database, RuleHit } from '../../schemas/db/database';
import { neutralise } from './batch-report';
import { kstDateOf } from './scoring/kst-date';

const COLUMNS = [
  'event_key',
  'uti',
  'execution_ts',
  'business_date',
  'decision',
  'ensemble_score',
  'model_version',
  'rule_set_version',
  'rule_hits',
  'scored_by',
] as const;
const PAGE = 5000;

function csvCell(value: string): string {
  const safe = neutralise(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Writes every trade event scored in [from, to) as CSV (UTF-8): uti, score, decision, rule hits, model and rule
 * set versions. Pages through the primary key's order, so a day of a million scores streams in constant memory;
 * written under a temporary name and renamed. Cells from input are neutralised against formula injection.
 */
export async function exportScores(
  db: Kysely<Database>,
  options: { from: Date; to: Date; out: string; onRows?: (rows: number) => void },
): Promise<{ rows: number }> {
  const temp = `${options.out}.${process.pid}.tmp`;
  const file = createWriteStream(temp, 'utf8');
  const write = async (line: string) => {
    if (!file.write(line)) await once(file, 'drain');
  };
  await write(COLUMNS.join(',') + '\n');
  let rows = 0;
  let after: { ts: Date; key: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('trade_scores as s')
      .innerJoin('trades as t', (j) =>
        j.onRef('t.execution_ts', '=', 's.execution_ts').onRef('t.event_key', '=', 's.event_key'),
      )
      .select([
        's.event_key',
        's.execution_ts',
        't.uti',
        's.is_anomaly',
        's.ensemble_score',
        's.model_version',
        's.rule_set_version',
        's.rule_hits',
        's.scored_by',
      ])
      .where('s.execution_ts', '>=', options.from)
      .where('s.execution_ts', '<', options.to)
      .orderBy('s.execution_ts')
      .orderBy('s.event_key')
      .limit(PAGE);
    if (after) {
      const { ts, key } = after;
      query = query.where((eb) =>
        eb.or([eb('s.execution_ts', '>', ts), eb.and([eb('s.execution_ts', '=', ts), eb('s.event_key', '>', key)])]),
      );
    }
    const page = await query.execute();
    for (const r of page) {
      const cells = [
        r.event_key,
        r.uti,
        r.execution_ts.toISOString(),
        kstDateOf(r.execution_ts.getTime()),
        r.is_anomaly ? 'anomaly' : 'normal',
        r.ensemble_score === null ? '' : String(r.ensemble_score),
        r.model_version ?? '',
        r.rule_set_version === null ? '' : String(r.rule_set_version),
        (r.rule_hits as RuleHit[]).map((h) => `${h.rule}: ${h.reason}`).join(' | '),
        r.scored_by,
      ];
      await write(cells.map(csvCell).join(',') + '\n');
    }
    rows += page.length;
    options.onRows?.(rows);
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { ts: last.execution_ts, key: last.event_key };
  }
  file.end();
  await once(file, 'finish');
  await rename(temp, options.out);
  return { rows };
}

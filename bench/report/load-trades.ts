import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * Loads a generated trade file into `trades` the direct way (psql \copy into a staging table, then one INSERT …
 * SELECT with event keys and arrival times spread over the report's period), and scores every trade (1 % flagged,
 * with an anomaly row each), so the report's joins have real work to do.
 */
export async function loadTrades(pool: pg.Pool, url: string, file: string, periodStart: Date): Promise<number> {
  await pool.query('CREATE UNLOGGED TABLE staging (LIKE trades INCLUDING DEFAULTS)');
  await pool.query('ALTER TABLE staging ALTER COLUMN event_key DROP NOT NULL, ALTER COLUMN source DROP NOT NULL');
  const columns = readFileSync(file, 'utf8')
    .slice(0, 2000)
    .split('\n')[0]!
    .replace(/^\uFEFF/, '');
  const psql = spawnSync(
    'psql',
    [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy staging (${columns}) FROM '${file}' WITH (FORMAT csv, HEADER true)`],
    { encoding: 'utf8' },
  );
  if (psql.status !== 0) throw new Error(`psql \\copy failed: ${psql.stderr}`);
  const cols = columns.split(',').join(', ');
  const inserted = await pool.query(
    `INSERT INTO trades (event_key, source, received_at, ${cols})
     SELECT gen_random_uuid(), 'file', $1::timestamptz + (row_number() OVER () * interval '50 milliseconds'), ${cols}
     FROM staging ON CONFLICT DO NOTHING`,
    [periodStart.toISOString()],
  );
  await pool.query('DROP TABLE staging');
  await pool.query(`
    INSERT INTO trade_scores (event_key, execution_ts, model_version, ensemble_score, rule_hits, is_anomaly, scored_by)
    SELECT event_key, execution_ts, '2026-W46.bench', s, CASE WHEN s > 0.99 THEN '[{"rule":"notional_above_threshold","reason":"x"}]'::jsonb ELSE '[]'::jsonb END, s > 0.99, 'batch'
    FROM (SELECT event_key, execution_ts, random() AS s FROM trades) t`);
  await pool.query(`
    INSERT INTO anomalies (event_key, execution_ts, business_date, uti, product, desk, ensemble_score, model_version, detected_by, workflow_id)
    SELECT t.event_key, t.execution_ts, (t.execution_ts AT TIME ZONE 'Asia/Seoul')::date, t.uti, t.product, t.desk,
      s.ensemble_score, s.model_version, 'batch', 'anomaly-' || t.event_key
    FROM trades t JOIN trade_scores s USING (execution_ts, event_key) WHERE s.is_anomaly`);
  await pool.query('VACUUM ANALYZE trades');
  await pool.query('VACUUM ANALYZE trade_scores');
  await pool.query('VACUUM ANALYZE anomalies');
  return inserted.rowCount ?? 0;
}

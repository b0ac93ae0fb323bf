import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeReportFiles } from '../../activities/report-render/report-files';
import { DAILY_REPORT_LAYOUT, DAILY_REPORT_COLUMN_NAMES } from '../../activities/report-data/daily-report-layout';

// Rendering alone (no database): N synthetic rows through writeReportFiles, with time and peak memory.
const n = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'swap-probe-'));
const template = DAILY_REPORT_COLUMN_NAMES.map((c) =>
  c.startsWith('notional_') && !c.includes('currency') ? '10000000000.5' : c === 'product' ? 'IRS' : `${c}-value`,
);
async function* rows() {
  for (let i = 0; i < n; i++) yield template.map((v, j) => (j === 0 ? `k${i}` : v));
}
const start = performance.now();
const files = await writeReportFiles({
  dir,
  baseName: 'probe',
  format: 'csv',
  layout: DAILY_REPORT_LAYOUT,
  rows: rows(),
  xmlAttributes: {},
  header: () => [],
});
console.log(
  JSON.stringify({
    rows: files.rowCount,
    seconds: ((performance.now() - start) / 1000).toFixed(2),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
rmSync(dir, { recursive: true, force: true });

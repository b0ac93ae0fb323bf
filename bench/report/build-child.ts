import { createDb } from '../../activities/db/connection';
import { buildDailyReport } from '../../activities/report-data/build-daily-report';
import { withLeiCheckDigits } from '../../schemas/trade/lei';

// One daily report build in its own process, so its peak memory is the report's alone.
// Usage: tsx bench/report/build-child.ts DATABASE_URL REPORTS_DIR REPORT_ID PERIOD_START PERIOD_END
const [url, dir, reportId, periodStart, periodEnd] = process.argv.slice(2) as [string, string, string, string, string];
const db = createDb({ databaseUrl: url });
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const built = await buildDailyReport(
  { db, reportsDir: dir, entityLei: withLeiCheckDigits('988400KSBSWAP7Q2M4'), machineFormat: 'csv' },
  {
    reportId,
    kind: 'daily',
    businessDate: '2026-11-20',
    periodStart,
    periodEnd,
    generatedAt: new Date().toISOString(),
    workflowId: reportId,
  },
);
const seconds = (performance.now() - start) / 1000;
await db.close();
process.stdout.write(
  JSON.stringify({
    seconds,
    rows: built.rowCount,
    // ru_maxrss is in kilobytes on Linux: the process's peak resident set.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb: rssBefore / 1024 / 1024,
    machineSha256: built.machineSha256,
    machinePath: built.machinePath,
    xlsxPath: built.xlsxPath,
  }) + '\n',
);

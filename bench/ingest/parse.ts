import { hash } from 'node:crypto';
import { readCsvRecordBatches } from '/work/main/activities/ingest/trade-file-reader';
import { checkHeader } from '/work/main/activities/ingest/trade-file-header';
import { recordEvaluator } from '/work/main/activities/ingest/evaluate-record';
import { tradeCopyLine, tradeCopyText } from '/work/main/activities/ingest/copy-text';
const mode = process.argv[2];
const t = performance.now(); let n = 0; let ev: any; let bytes = 0;
for await (const batch of readCsvRecordBatches('/tmp/bench/trades.csv', 'utf-8')) for (const r of batch) {
  if (!ev) { const h = checkHeader(r.fields, r.raw); if (h.ok) ev = recordEvaluator(h.layout, Date.now(), 'utf-8'); continue; }
  n++;
  if (mode === 'parse') continue;
  const o = ev(r);
  if (mode === 'validate') continue;
  if (mode === 'text') { if (o.ok) bytes += tradeCopyText(o.record).length; continue; }
  if (mode === 'texthash') { if (o.ok) bytes += hash('md5', tradeCopyText(o.record)).length; continue; }
  if (o.ok) bytes += tradeCopyLine(1, r.line, o.record).length;
}
console.log(mode, n, ((performance.now()-t)/1000).toFixed(2), 's', 'rss', Math.round(process.memoryUsage().rss/1e6));

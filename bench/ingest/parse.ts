import { readCsvRecordBatches } from '../../activities/ingest/trade-file-reader';
import { ChunkPreparer } from '../../activities/ingest/chunk-preparer';
// Profiling aid: the parse thread's work alone (no database). npx tsx bench/ingest/parse.ts FILE (a generated CSV)
const t = performance.now();
const p = new ChunkPreparer({
  fileId: 1,
  chunkRows: 50000,
  skipThrough: -1,
  nowMs: Date.now(),
  encoding: 'utf-8',
  stride: 1,
  offset: 0,
});
let bytes = 0;
for await (const batch of readCsvRecordBatches(process.argv[2] ?? 'trades.csv', 'utf-8'))
  for (const c of p.add(batch, 0)) bytes += c.good.reduce((a, b) => a + b.length, 0);
for (const c of p.end(0)) bytes += c.good.reduce((a, b) => a + b.length, 0);
console.log(
  p.rowsRead,
  'rows',
  bytes,
  'bytes',
  ((performance.now() - t) / 1000).toFixed(2),
  's',
  'rss',
  Math.round(process.memoryUsage().rss / 1e6),
);

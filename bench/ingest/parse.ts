import { ChunkPreparer } from '../../activities/ingest/chunk-preparer';
import type { FileEncoding } from '../../activities/ingest/detect-encoding';
import { preparedChunks } from '../../activities/ingest/prepared-chunks';

// Profiling aid: the parse thread's work alone (no database), as the parse thread does it.
// npx tsx bench/ingest/parse.ts FILE [encoding] (a generated CSV)
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
let good = 0;
let rejected = 0;
const encoding = (process.argv[3] ?? 'utf-8') as FileEncoding;
for await (const c of preparedChunks(process.argv[2] ?? 'trades.csv', encoding, p)) {
  bytes += c.good.reduce((a, b) => a + b.length, 0);
  good += c.goodRows;
  rejected += c.rejectedRows;
}
const seconds = ((performance.now() - t) / 1000).toFixed(2);
const rss = Math.round(process.memoryUsage().rss / 1e6);
console.log(`${p.rowsRead} rows (${good} good, ${rejected} rejected), ${bytes} bytes, ${seconds} s, rss ${rss} MB`);

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { startIngest } from '../../../client/ingest/start-ingest';
import { stopChild } from '../../../dev/stack/child-processes';
import { TRADE_COLUMNS } from '../../../schemas/trade/fields';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { connectClient, scratchDir, temporalAddress, uniqueTaskQueue } from '../../support/temporal-env';
import { csvLine, validRow } from '../../support/trade-rows';

const ROWS = 200_000;
const CHUNK_ROWS = 5_000;
const root = path.resolve(import.meta.dirname, '../../..');

let database: TestDatabase;
let dir: string;
const taskQueue = uniqueTaskQueue('crash');
const workers: ChildProcess[] = [];

/** The CPU worker as its own OS process, so the test can SIGKILL it. */
function spawnWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress(),
      DATABASE_URL: database.url,
      DATA_DIR: path.join(dir, 'data'),
      CPU_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  workers.push(child);
  return child;
}

/** Every 1000th row is invalid and every 997th repeats the row before it. */
async function writeLargeFile(file: string): Promise<{ rejected: number; duplicates: number }> {
  const out = createWriteStream(file);
  out.write(TRADE_COLUMNS.join(',') + '\n');
  let rejected = 0;
  let duplicates = 0;
  let batch = '';
  for (let i = 1; i <= ROWS; i++) {
    if (i % 1000 === 0) {
      batch += csvLine(validRow(i, { notional_currency_leg1: 'XXQ' })) + '\n';
      rejected++;
    } else if (i % 997 === 0) {
      batch += csvLine(validRow(i - 1)) + '\n';
      duplicates++;
    } else {
      batch += csvLine(validRow(i)) + '\n';
    }
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = '';
    }
  }
  out.end(batch);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return { rejected, duplicates };
}

before(async () => {
  database = await createTestDatabase('crash');
  dir = scratchDir('crash');
});

after(async () => {
  for (const worker of workers) await stopChild(worker, 5000);
  await database.drop();
});

it(
  'a worker SIGKILLed mid-ingest is replaced and the run completes with exact counts',
  { timeout: 240_000 },
  async () => {
    const file = path.join(dir, 'large.csv');
    const expected = await writeLargeFile(file);
    const first = spawnWorker();
    const { client, close } = await connectClient();
    try {
      const started = await startIngest(client, { filePath: file, taskQueue, chunkRows: CHUNK_ROWS });
      const deadline = Date.now() + 120_000;
      let committed = 0;
      while (committed < 3) {
        assert.ok(Date.now() < deadline, 'no chunk committed in time');
        await new Promise((r) => setTimeout(r, 25));
        const row = await database.db.kysely
          .selectFrom('ingest_chunks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        committed = Number(row.n);
      }
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const chunksAtKill = committed;
      assert.ok(chunksAtKill < ROWS / CHUNK_ROWS, 'the kill happened before the load finished');

      spawnWorker();
      const result = await started.handle.result();
      assert.equal(result.status, 'loaded');
      assert.equal(result.read, ROWS);
      assert.equal(result.rejected, expected.rejected);
      assert.equal(result.duplicates, expected.duplicates);
      assert.equal(result.loaded, ROWS - expected.rejected - expected.duplicates);

      // Every data line is accounted for exactly once, in exactly one table.
      const accounted = await sql<{ lines: number; distinct_lines: number; min: number; max: number }>`
      SELECT count(*)::int AS lines, count(DISTINCT line_no)::int AS distinct_lines, min(line_no)::int AS min, max(line_no)::int AS max
      FROM (SELECT line_no FROM trades WHERE file_id = ${result.fileId}
            UNION ALL SELECT line_no FROM rejected_rows WHERE file_id = ${result.fileId}
            UNION ALL SELECT line_no FROM duplicate_rows WHERE file_id = ${result.fileId}) AS all_lines`.execute(
        database.db.kysely,
      );
      assert.deepEqual(accounted.rows[0], { lines: ROWS, distinct_lines: ROWS, min: 2, max: ROWS + 1 });
      const chunks = await database.db.kysely
        .selectFrom('ingest_chunks')
        .select('chunk_no')
        .orderBy('chunk_no')
        .execute();
      assert.deepEqual(
        chunks.map((c) => c.chunk_no),
        Array.from({ length: ROWS / CHUNK_ROWS }, (_, i) => i),
      );
      // The retry ran on the second worker: the history shows more than one attempt of loadFile.
      const history = await started.handle.fetchHistory();
      const completed = history.events?.find((e) => e.activityTaskCompletedEventAttributes && e.eventId);
      assert.ok(completed, 'loadFile completed');
      const startedEvents = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
      assert.ok(
        startedEvents.some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1),
        'loadFile was retried',
      );
    } finally {
      await close();
    }
  },
);

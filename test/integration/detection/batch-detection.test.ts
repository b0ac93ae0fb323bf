import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createLogger } from '../../../activities/logging/logger';
import { exportScores } from '../../../activities/detection/scores-export';
import { FEATURE_TRADE_COLUMNS, fromTradeRow } from '../../../activities/models/features';
import { generateTradeFile } from '../../../client/generate/index';
import { createGpuWorker, type GpuWorker } from '../../../gpu-worker/gpu-worker';
import {
  BATCH_DETECTION_STATE_QUERY,
  batchDetectionAfterIngestId,
  type BatchDetectionResult,
  type BatchDetectionState,
} from '../../../schemas/batch-detection';
import { sendTiming } from '../../../schemas/calendar/alert-timing';
import { kstDateOf } from '../../../schemas/calendar/kst';
import { realCalendar } from '../../support/calendar-fixture';
import { startIngestHarness, type IngestHarness } from '../../support/ingest-harness';
import { startSmtpSink } from '../../support/smtp-sink';
import { testWorkerConfig, uniqueTaskQueue } from '../../support/temporal-env';
import { installTinyChampion } from '../../support/tiny-champion';

// A file ingest followed by batch detection on the real dev server and PostgreSQL: the ingest run starts the batch as
// an abandoned child; a GPU-queue worker (CPU provider here) scores; anomaly workflows are counted, not run. The
// clock is real, so the batch alert is either sent (inside the alert window) or pending until the next opening.
let h: IngestHarness;
let gpu: GpuWorker;
let gpuRun: Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const gpuTaskQueue = uniqueTaskQueue('gpu');
const ALERT_THRESHOLD = 3;

before(async () => {
  smtp = await startSmtpSink();
  const overrides = {
    GPU_TASK_QUEUE: gpuTaskQueue,
    SMTP_URL: smtp.url,
    BATCH_ALERT_THRESHOLD: ALERT_THRESHOLD,
    BATCH_ALERT_TO: 'ops@example.test',
    DETECT_CHUNK_ROWS: 700,
    ONNX_PROVIDER: 'cpu' as const,
  };
  h = await startIngestHarness({ chunkRows: 5000, config: overrides });
  gpu = await createGpuWorker(
    {
      ...testWorkerConfig({ databaseUrl: h.database.url, taskQueue: h.taskQueue, dataDir: path.join(h.dir, 'data') }),
      ...overrides,
      CHAMPION_POLL_MS: 1,
    },
    createLogger({ service: 'test-gpu', level: 'error' }),
  );
  gpuRun = gpu.run();
});

after(async () => {
  gpu.worker.shutdown();
  await gpuRun;
  await h.close();
  await smtp.close();
});

async function ingestDay(date: string, seed: number, recordAs?: string) {
  const out = path.join(h.dir, `trades-${date}.csv`);
  await generateTradeFile({ date, rows: 2000, seed, out, anomalyRate: 0.01 });
  const ingested = await h.ingest(`day-${date}.csv`, readFileSync(out), recordAs);
  assert.equal(ingested.status, 'loaded');
  const id = batchDetectionAfterIngestId(ingested.workflowId);
  return { ingested, id, result: await settled(id) };
}

/** The batch once it is done, or waits only for the alert window (the report written, workflows started). */
async function settled(id: string): Promise<BatchDetectionState> {
  const handle = h.client.workflow.getHandle(id);
  for (;;) {
    const state = await handle.query<BatchDetectionState>(BATCH_DETECTION_STATE_QUERY).catch(() => undefined);
    if (state?.phase === 'done') return { ...state, ...((await handle.result()) as BatchDetectionResult) };
    if (state?.phase === 'alert_pending' && state.alertPendingUntil !== null) return state;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Batch alerts only: anomalyWorkflow (another area) may mail its own alerts to the same server. */
const batchMails = () => smtp.received.filter((m) => m.messageId?.startsWith('<batch.'));

const count = async (query: string) => Number((await sql.raw<{ n: number }>(query).execute(h.db.kysely)).rows[0]!.n);

async function anomalyRuns(): Promise<Map<string, string>> {
  const rows = await h.db.kysely.selectFrom('anomalies').select(['workflow_id', 'workflow_started_at']).execute();
  const runs = new Map<string, string>();
  for (const row of rows) {
    assert.ok(row.workflow_started_at, `${row.workflow_id} not marked started`);
    const described = await h.client.workflow.getHandle(row.workflow_id).describe();
    assert.equal(described.type, 'anomalyWorkflow');
    runs.set(row.workflow_id, described.runId);
  }
  return runs;
}

describe('batch detection after a file ingest', () => {
  let firstRuns: Map<string, string>;
  let firstDay: Awaited<ReturnType<typeof ingestDay>>;

  it('scores every trade of the file, records each anomaly and starts exactly one workflow per anomaly', async () => {
    firstDay = await ingestDay('2026-11-18', 11, 'ingest-file-then-detect');
    const { result, ingested } = firstDay;
    assert.equal(result.trades, ingested.loaded);
    assert.equal(result.scored, ingested.loaded);
    assert.ok(result.chunks >= 2, `chunks: ${result.chunks}`);
    assert.equal(await count('select count(*)::int as n from trade_scores'), ingested.loaded);
    const anomalies = await count('select count(*)::int as n from anomalies');
    assert.ok(anomalies > 0);
    assert.equal(result.newAnomalies, anomalies);
    assert.equal(result.workflowsStarted, anomalies);
    firstRuns = await anomalyRuns();
    assert.equal(firstRuns.size, anomalies);
    // Every score of this batch was made by the rules alone (no champion yet) and names its rule set.
    assert.equal(
      await count(`select count(*)::int as n from trade_scores where model_version is null and rule_set_version = 1`),
      ingested.loaded,
    );
    // batch-detection-after-ingest.json (committed) is a run from before the alert window and stays as it is; the
    // new path's history is recorded by test/workflows/detection/batch-alert-window.test.ts.
  });

  it('writes the report and, above the threshold, sends one batch alert inside the alert window only', async () => {
    assert.ok(firstDay.result.newAnomalies > ALERT_THRESHOLD);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(firstDay.result.reportPath!);
    const sheet = workbook.getWorksheet('Anomalies')!;
    assert.equal(sheet.rowCount - 1, firstDay.result.newAnomalies);

    const now = Date.now();
    const year = Number(kstDateOf(now).slice(0, 4));
    const timing = sendTiming(now, await realCalendar(year, year + 1));
    if (timing.kind === 'wait') {
      // Outside the window (a weekend, a holiday, the evening): pending until the next opening, nothing sent.
      assert.equal(firstDay.result.phase, 'alert_pending');
      assert.equal(firstDay.result.alertSent, false);
      assert.equal(firstDay.result.alertPendingUntil, new Date(timing.until).toISOString());
      assert.equal(batchMails().length, 0);
      assert.equal(await count(`select count(*)::int as n from alert_messages where kind = 'batch'`), 0);
      return;
    }
    assert.equal(timing.kind, 'send', 'the calendar has data for this year');
    assert.equal(firstDay.result.alertSent, true);
    const mail = batchMails()[0]!;
    assert.equal(batchMails().length, 1);
    assert.deepEqual(mail.to, ['ops@example.test']);
    assert.match(mail.raw, new RegExp(`found ${firstDay.result.newAnomalies} new anomalies`));
    const alert = await h.db.kysely.selectFrom('alert_messages').selectAll().executeTakeFirstOrThrow();
    assert.equal(alert.kind, 'batch');
    assert.equal(alert.status, 'sent');
    assert.equal(mail.messageId, alert.message_id);
  });

  it('run again over the same range, scores nothing, starts no workflow and sends no alert', async () => {
    const { from, to } = firstDay.result;
    const again = (await h.client.workflow.execute('batchDetectionWorkflow', {
      workflowId: `batch-again-${Date.now()}`,
      taskQueue: h.taskQueue,
      args: [{ from, to }],
    })) as BatchDetectionResult;
    assert.deepEqual([again.scored, again.newAnomalies, again.workflowsStarted, again.alertSent], [0, 0, 0, false]);
    assert.deepEqual(await anomalyRuns(), firstRuns);
    assert.equal(batchMails().length, firstDay.result.alertSent ? 1 : 0);
  });

  it('exports every score of the range as CSV, anomalies with their rule hits', async () => {
    const out = path.join(h.dir, 'scores.csv');
    const { from, to } = firstDay.result;
    const { rows } = await exportScores(h.db.kysely, { from: new Date(from), to: new Date(to), out });
    assert.equal(rows, firstDay.ingested.loaded);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(
      lines[0],
      'event_key,uti,execution_ts,business_date,decision,ensemble_score,model_version,rule_set_version,rule_hits,scored_by',
    );
    assert.equal(lines.length - 1, rows);
    const anomalies = lines.filter((l) => l.includes(',anomaly,'));
    assert.equal(anomalies.length, firstDay.result.newAnomalies);
    assert.ok(
      anomalies.every((l) =>
        /(notional_threshold|off_market|outside_market_hours|wash_pair|counterparty_concentration|inconsistent_dates): /.test(
          l,
        ),
      ),
    );
  });

  it('scores with the champion once there is one, recording its version on every score', async (t) => {
    const rows = await h.db.kysely.selectFrom('trades').select(FEATURE_TRADE_COLUMNS).execute();
    await installTinyChampion(h.db, path.join(h.dir, 'data', 'models'), {
      version: 'tiny-batch',
      trades: rows.map(fromTradeRow),
      threshold: 6,
    });
    const { result, ingested } = await ingestDay('2026-11-19', 12);
    // Every trade of the file scored by the champion: what this test is about. `result.scored` counts only the scores
    // this run stored, so it is reported alongside rather than asserted alone.
    const byChampion = await count(
      `select count(*)::int as n from trade_scores s join trades t using (execution_ts, event_key)
       where t.file_id = ${ingested.fileId} and s.model_version = 'tiny-batch' and s.ensemble_score is not null`,
    );
    const detail = JSON.stringify({ result, byChampion, loaded: ingested.loaded });
    assert.equal(byChampion, ingested.loaded, detail);
    assert.ok(result.scored > 0 && result.scored <= ingested.loaded, detail);
    if (result.scored !== ingested.loaded) t.diagnostic(`scored by another run meanwhile: ${detail}`);
    const explained = await count(
      `select count(*)::int as n from trade_scores where model_version = 'tiny-batch' and is_anomaly and explanation ? 'members'`,
    );
    assert.ok(explained > 0);
    assert.equal(result.workflowsStarted, result.newAnomalies);
  });
});

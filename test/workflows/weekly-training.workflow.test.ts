import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateTradeFile } from '../../client/generate/index';
import { createLogger } from '../../activities/logging/logger';
import {
  currentChampion,
  listModelVersions,
  modelEvents,
  promoteModelVersion,
} from '../../activities/models/registry/model-registry';
import { createGpuWorker, type GpuWorker } from '../../gpu-worker/gpu-worker';
import type { WeeklyTrainingResult } from '../../schemas/model-training';
import { startIngestHarness, type IngestHarness } from '../support/ingest-harness';
import { recordHistory } from '../support/record-history';
import { testWorkerConfig, uniqueTaskQueue } from '../support/temporal-env';

// A full weekly training on the real dev server: the CPU worker prepares data and decides, a GPU-queue worker
// (CPU provider here) trains the three detectors and assembles the ensemble.
let h: IngestHarness;
let gpu: GpuWorker;
let gpuRun: Promise<void>;
const gpuTaskQueue = uniqueTaskQueue('gpu');

before(async () => {
  h = await startIngestHarness({ chunkRows: 5000 });
  gpu = await createGpuWorker(
    {
      ...testWorkerConfig({ databaseUrl: h.database.url, taskQueue: h.taskQueue, dataDir: path.join(h.dir, 'data') }),
      GPU_TASK_QUEUE: gpuTaskQueue,
      ONNX_PROVIDER: 'cpu',
    },
    createLogger({ service: 'test-gpu', level: 'error' }),
  );
  gpuRun = gpu.run();
  // Two business days of ISO week 2026-W47.
  for (const [date, seed] of [
    ['2026-11-18', 1],
    ['2026-11-19', 2],
  ] as const) {
    const out = path.join(h.dir, `trades-${date}.csv`);
    await generateTradeFile({ date, rows: 3000, seed, out, anomalyRate: 0.01 });
    const { readFileSync } = await import('node:fs');
    const result = await h.ingest(`day-${date}.csv`, readFileSync(out));
    assert.equal(result.status, 'loaded');
  }
});

after(async () => {
  gpu.worker.shutdown();
  await gpuRun;
  await h.close();
});

async function train(id: string, extra: Record<string, unknown> = {}): Promise<WeeklyTrainingResult> {
  const handle = await h.client.workflow.start('weeklyTrainingWorkflow', {
    workflowId: id,
    taskQueue: h.taskQueue,
    args: [{ week: '2026-W47', gpuTaskQueue, maxRows: 6000, ...extra }],
  });
  const result = (await handle.result()) as WeeklyTrainingResult;
  await recordHistory(
    h.client,
    id,
    id.startsWith('training-first') ? 'weekly-training-promoted' : 'weekly-training-kept',
  );
  return result;
}

describe('weeklyTrainingWorkflow', { timeout: 600_000 }, () => {
  let first: WeeklyTrainingResult;

  it('trains the three detectors, builds the ensemble and promotes a first champion', async () => {
    first = await train(`training-first-${gpuTaskQueue}`);
    assert.equal(first.promoted, true, first.reason);
    assert.match(first.reason, /first champion/);
    assert.equal(first.championBefore, null);
    for (const kind of ['iforest', 'ocsvm', 'autoencoder', 'ensemble']) {
      assert.ok((first.rocAuc[kind] ?? 0) > 0.5, `${kind} ROC AUC ${first.rocAuc[kind]}`);
    }
    assert.ok(['iforest', 'ocsvm', 'autoencoder'].includes(first.lowestPerformer));
    // The ensemble ranks the labelled hold-out at least as well as its best member (float32 ONNX rounding aside).
    const bestSingle = Math.max(...['iforest', 'ocsvm', 'autoencoder'].map((k) => first.rocAuc[k] ?? 0));
    assert.ok(
      (first.rocAuc['ensemble'] ?? 0) >= bestSingle - 1e-4,
      `ensemble ${first.rocAuc['ensemble']} vs ${bestSingle}`,
    );
    const champion = await currentChampion(h.db.kysely);
    assert.equal(champion?.version, first.version);
    assert.match(champion?.onnxSha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('keeps the champion when the challenger does not beat it, and records why', async () => {
    const second = await train(`training-second-${gpuTaskQueue}`, { minGain: 0.5, seed: 7 });
    assert.equal(second.promoted, false);
    assert.equal(second.championBefore, first.version);
    assert.match(second.reason, /kept champion/);
    assert.equal((await currentChampion(h.db.kysely))?.version, first.version);
    const events = await modelEvents(h.db.kysely, second.version);
    assert.deepEqual(
      events.map((e) => e.event),
      ['registered', 'kept_champion'],
    );
    const versions = await listModelVersions(h.db.kysely);
    const stored = versions.find((v) => v.version === second.version);
    assert.equal(stored?.status, 'candidate');
  });

  it('rolls the champion back to an earlier version', async () => {
    const versions = await listModelVersions(h.db.kysely);
    const other = versions.find((v) => v.version !== first.version)!;
    await promoteModelVersion(h.db.kysely, { version: other.version, reason: 'test', actor: 'test', at: new Date() });
    await promoteModelVersion(h.db.kysely, {
      version: first.version,
      reason: 'roll back',
      actor: 'operator',
      event: 'rolled_back',
      at: new Date(),
    });
    assert.equal((await currentChampion(h.db.kysely))?.version, first.version);
    const events = await modelEvents(h.db.kysely, first.version);
    assert.equal(events.at(-1)?.event, 'rolled_back');
  });
});

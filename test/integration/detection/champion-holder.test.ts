import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { ChampionHolder } from '../../../activities/detection/scoring/champion-holder';
import { createLogger } from '../../../activities/logging/logger';
import { ArtefactStore } from '../../../activities/models/registry/artefact-store';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { installTinyChampion, ordinaryTrades } from '../../support/tiny-champion';

// The champion session that intake and batch chunks share: concurrent callers must never score with a stale one.
let database: TestDatabase;
let modelsDir: string;
before(async () => {
  database = await createTestDatabase('champion_holder');
  modelsDir = mkdtempSync(path.join(tmpdir(), 'champion-holder-'));
});
after(async () => {
  await database.drop();
  rmSync(modelsDir, { recursive: true, force: true });
});

it('callers arriving while a new champion loads wait for it instead of taking the one it replaces', async () => {
  let now = 0;
  const holder = new ChampionHolder({
    db: database.db,
    store: new ArtefactStore(modelsDir),
    provider: 'cpu',
    logger: createLogger({ service: 'test-champion-holder', level: 'error' }),
    pollMs: 60_000,
    clock: () => now,
  });
  assert.equal(await holder.get(), null, 'no champion yet');
  await installTinyChampion(database.db, modelsDir, { version: 'tiny-holder', trades: ordinaryTrades(300) });
  now += 60_000;

  // The first call reads the registry and loads the session over several turns of the event loop; a call on each
  // of those turns is what concurrent batch chunks and intake requests do.
  const first = holder.get();
  let loaded = false;
  void first.then(() => (loaded = true));
  const during: Promise<unknown>[] = [];
  while (!loaded) {
    during.push(holder.get());
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.ok(during.length > 1, 'the load spans several turns of the event loop');
  const versions = (await Promise.all([first, ...during])).map((m) => (m as { version: string } | null)?.version);
  assert.deepEqual(new Set(versions), new Set(['tiny-holder']));
  await holder.close();
});

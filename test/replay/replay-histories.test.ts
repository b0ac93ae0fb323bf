import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { readHistoryFile } from '../../client/replay/history-files';
import { replayHistories } from '../../client/replay/replay-histories';
import * as workflows from '../../workflows/index';
import { HISTORIES_DIR } from '../support/record-history';

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join(HISTORIES_DIR, f));

it('every workflow has at least one committed history', async () => {
  const types = new Set((await Promise.all(files.map(readHistoryFile))).map((h) => h.workflowType));
  for (const name of Object.keys(workflows)) assert.ok(types.has(name), `no committed history for ${name}`);
});

it('every committed history replays against the current workflow code', { timeout: 120_000 }, async () => {
  const histories = await Promise.all(files.map(readHistoryFile));
  const outcomes = await replayHistories(histories);
  assert.equal(outcomes.length, files.length);
  for (const outcome of outcomes) assert.ok(outcome.ok, `${outcome.workflowId}: ${outcome.error}`);
});

it('a non-deterministic change to a workflow fails the replay', { timeout: 120_000 }, async () => {
  const loaded = files.filter((f) => path.basename(f).startsWith('ingest-file-loaded'));
  assert.ok(loaded.length > 0, 'the loaded-file history is committed');
  const histories = await Promise.all(loaded.map(readHistoryFile));
  const outcomes = await replayHistories(histories, path.join(import.meta.dirname, 'fixtures', 'changed-workflows.ts'));
  assert.ok(
    outcomes.every((o) => !o.ok),
    'replay detected the change',
  );
  assert.match(outcomes[0]?.error ?? '', /Determinism|nondetermin/i);
});

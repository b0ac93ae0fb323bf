import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

// `npm run cli -- calendar show|close` against a real database, as an operator runs it.
const root = path.resolve(import.meta.dirname, '../../..');
let database: TestDatabase;
before(async () => {
  database = await createTestDatabase('calendar');
});
after(async () => {
  await database.drop();
});

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'client/cli/main.ts'), ...args, '--json'],
    { cwd: root, env: { ...process.env, DATABASE_URL: database.url } },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

it('shows a year and takes an ad-hoc closure into account', { timeout: 60_000 }, async () => {
  const before = await cli('calendar', 'show', '--year', '2026');
  assert.equal(before.missing, false);
  assert.match(String((before.closed as Record<string, string>)['2026-09-25']), /추석/);
  // 2026-12-01 is a Tuesday and no holiday.
  assert.equal((before.closed as Record<string, string>)['2026-12-01'], undefined);
  assert.deepEqual(await cli('calendar', 'close', '2026-12-01', '--reason', 'KRX outage'), {
    date: '2026-12-01',
    kind: 'closure',
    reason: 'KRX outage',
  });
  const afterClosing = await cli('calendar', 'show', '--year', '2026');
  assert.equal(afterClosing.businessDays, (before.businessDays as number) - 1);
  assert.equal((afterClosing.closed as Record<string, string>)['2026-12-01'], 'KRX outage');
});

it('reports a year without data, until an operator enters its holidays', { timeout: 60_000 }, async () => {
  const missing = await cli('calendar', 'show', '--year', '2097');
  assert.equal(missing.missing, true);
  assert.equal(missing.businessDays, 0);
  await cli('calendar', 'close', '2097-01-01', '--holiday', '--reason', '1월 1일');
  const covered = await cli('calendar', 'show', '--year', '2097');
  assert.equal(covered.missing, false);
  assert.ok((covered.businessDays as number) > 240);
});

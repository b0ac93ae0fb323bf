import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerGenerateCommand } from '../../../client/cli/commands/generate.command';
import { TEST_DATE } from './read-generated';

const dir = mkdtempSync(join(tmpdir(), 'generate-command-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.parse('2026-12-01T00:00:00Z');

/** Runs `generate …` on a fresh program, returning what it printed on stdout. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('cli').exitOverride().configureOutput({ writeErr: () => undefined });
  let printed = '';
  registerGenerateCommand(program, { now: () => NOW, print: (text) => (printed += text) });
  await program.parseAsync(['generate', ...args], { from: 'user' });
  return printed;
}

describe('generate command', () => {
  it('prints one JSON object with --json: files, rows, anomalies by kind, seconds', async () => {
    const out = join(dir, 'trades.csv');
    const printed = await run('--date', TEST_DATE, '--rows', '2e3', '--seed', '5', '--out', out, '--json');
    const result = JSON.parse(printed) as Record<string, unknown>;
    assert.equal(result.out, out);
    assert.equal(result.labelsOut, `${out}.labels.csv`);
    assert.equal(result.rows, 2000);
    assert.equal(typeof result.seconds, 'number');
    assert.equal(typeof (result.anomalies as Record<string, number>).wash_pair, 'number');
    assert.ok(existsSync(out) && existsSync(`${out}.labels.csv`));
  });

  it('prints a short human summary otherwise', async () => {
    const out = join(dir, 'human.csv');
    const printed = await run('--date', TEST_DATE, '--rows', '500', '--seed', '5', '--out', out, '--encoding', 'cp949');
    assert.match(printed, /^wrote 500 trades for 2026-11-20 \(seed 5\)/);
    assert.match(printed, /anomalies/);
  });

  it('rejects invalid options with a clear error naming each one', async () => {
    await assert.rejects(
      run(
        '--date',
        '2026-11-22',
        '--rows',
        'many',
        '--seed',
        '1.5',
        '--out',
        join(dir, 'x.csv'),
        '--encoding',
        'latin1',
      ),
      (error: Error) =>
        /weekend/.test(error.message) &&
        /--rows/.test(error.message) &&
        /--seed/.test(error.message) &&
        /--encoding must be one of utf8, utf8-bom, cp949/.test(error.message),
    );
    await assert.rejects(
      run('--date', '2026-12-01', '--rows', '10', '--seed', '1', '--out', join(dir, 'y.csv')),
      /not ended yet/,
    );
    await assert.rejects(run('--rows', '10'), /required option '--date <date>'/);
    assert.ok(!existsSync(join(dir, 'x.csv')));
  });
});

import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SklearnJob {
  readonly name: string;
  readonly seed: number;
  readonly train: string;
  readonly test: string;
}

export interface SklearnResult {
  readonly name: string;
  readonly seed: number;
  readonly fit_seconds: number;
  readonly score_rows_per_second: number;
  readonly roc_auc: number;
}

export interface SklearnRun {
  readonly sklearn: string;
  readonly numpy: string;
  readonly results: SklearnResult[];
}

const here = import.meta.dirname;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Creates (or reuses) bench/models/.venv; returns its python, or null with the reason logged. */
export function ensureVenv(): string | null {
  const setup = spawnSync('bash', [path.join(here, 'setup.sh')], { encoding: 'utf8' });
  if (setup.status !== 0) {
    log(`scikit-learn side SKIPPED: bench/models/setup.sh failed (${setup.status}): ${setup.stderr.trim()}`);
    return null;
  }
  log(`venv ready: ${setup.stdout.trim()}`);
  return path.join(here, '.venv', 'bin', 'python');
}

/** Runs every job in one Python process, so interpreter start and imports are paid once. */
export async function runSklearn(python: string, jobs: readonly SklearnJob[], scratch: string): Promise<SklearnRun> {
  const jobsFile = path.join(scratch, 'sklearn-jobs.json');
  await writeFile(jobsFile, JSON.stringify(jobs));
  // This machine may pin OpenBLAS to a core type or cache size; leave the Python side on its own defaults.
  const env = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const run = spawnSync(python, [path.join(here, 'sklearn_iforest.py'), jobsFile], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`sklearn_iforest.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as SklearnRun;
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './cpu-worker';

/**
 * Bundles the workflow code once (webpack), so production workers load a file instead of bundling at start,
 * which costs seconds and a few hundred MB of memory per worker.
 */
export async function buildWorkflowBundle(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, code);
  return outFile;
}

// `npm run build:workflow-bundle [out]`
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const out = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  await buildWorkflowBundle(out);
  console.log(`workflow bundle written to ${out}`);
}

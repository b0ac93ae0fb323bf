import path from 'node:path';
import type { Client } from '@temporalio/client';
import { exportHistory, writeHistoryFile } from '../../client/replay/history-files';

export const HISTORIES_DIR = path.resolve(import.meta.dirname, '../replay/histories');

/**
 * `RECORD_HISTORIES=1 npm test -- integration` refreshes the committed golden histories that the replay tier
 * replays: run it when a workflow's shape changes on purpose (behind `patched()` when runs are open).
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  await writeHistoryFile(path.join(HISTORIES_DIR, `${name}.json`), await exportHistory(client, workflowId));
}

import { readFile, writeFile } from 'node:fs/promises';
import type { Client, HistoryAndWorkflowId } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Our export format: the server's history JSON plus the ids an auditor needs to name the run. */
export interface ExportedHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  exportedAt: string;
  history: unknown;
}

/** Fetches a run's full history from the server. */
export async function exportHistory(client: Client, workflowId: string, runId?: string): Promise<ExportedHistory> {
  const handle = client.workflow.getHandle(workflowId, runId);
  const description = await handle.describe();
  const history = await handle.fetchHistory();
  return {
    workflowId,
    runId: description.runId,
    workflowType: description.type,
    exportedAt: new Date().toISOString(),
    history: JSON.parse(historyToJSON(history)) as unknown,
  };
}

export async function writeHistoryFile(path: string, exported: ExportedHistory): Promise<void> {
  await writeFile(path, JSON.stringify(exported, null, 2) + '\n');
}

/** Reads our export format, or the plain history JSON that `temporal workflow show --output json` writes. */
export async function readHistoryFile(
  path: string,
): Promise<HistoryAndWorkflowId & { workflowType: string | undefined }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not a JSON history file: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const record = parsed as Partial<ExportedHistory> & { events?: unknown[] };
  const raw = record.history ?? (Array.isArray(record.events) ? record : undefined);
  if (!raw) throw new Error(`${path} holds no workflow history (no "history" or "events")`);
  const history = historyFromJSON(raw);
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return {
    workflowId: record.workflowId ?? started?.workflowId ?? path,
    history,
    workflowType: record.workflowType ?? started?.workflowType?.name ?? undefined,
  };
}

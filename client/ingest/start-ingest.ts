import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { sha256OfFile } from '../../activities/ingest/file-store';
import type { IngestFileResult } from '../../schemas/ingest-workflow';
import { FILE_SHA256 } from '../../schemas/search-attributes';
import { ingestWorkflowId } from '../../schemas/workflow-ids';
import type { ingestFileWorkflow } from '../../workflows/ingest-file.workflow';

export interface StartedIngest {
  workflowId: string;
  sha256: string;
  handle: WorkflowHandle<typeof ingestFileWorkflow>;
}

/**
 * Starts the file's `ingestFileWorkflow`, or joins the run that already exists for the same bytes.
 * A failed earlier run may be started again; a completed one is only joined.
 */
export async function startIngest(
  client: Client,
  options: { filePath: string; taskQueue: string; chunkRows: number },
): Promise<StartedIngest> {
  const filePath = path.resolve(options.filePath);
  const sha256 = await sha256OfFile(filePath);
  const workflowId = ingestWorkflowId(sha256);
  try {
    const handle = await client.workflow.start('ingestFileWorkflow', {
      workflowId,
      taskQueue: options.taskQueue,
      args: [{ path: filePath, sha256, chunkRows: options.chunkRows }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: new TypedSearchAttributes([{ key: FILE_SHA256, value: sha256 }]),
    });
    return { workflowId, sha256, handle: handle as WorkflowHandle<typeof ingestFileWorkflow> };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return { workflowId, sha256, handle: client.workflow.getHandle<typeof ingestFileWorkflow>(workflowId) };
  }
}

export type { IngestFileResult };

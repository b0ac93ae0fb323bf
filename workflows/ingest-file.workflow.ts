import { log, ParentClosePolicy, patched, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { IngestActivities } from '../activities/ingest/ingest.activities';
import { batchDetectionAfterIngestId, type BatchDetectionInput } from '../schemas/batch-detection';
import type { IngestFileInput, IngestFileResult } from '../schemas/ingest-workflow';
import { ACTIVITY_PROFILES } from './activity-profiles';

const quick = proxyActivities<IngestActivities>(ACTIVITY_PROFILES.quickDb);
const load = proxyActivities<IngestActivities>(ACTIVITY_PROFILES.fileLoad);

/**
 * Ingests one trade file ("TainTube"). Id `ingest-<sha256>`: the same bytes twice are one run.
 * A file-level problem (empty, binary, bad header) ends the run with status `file_rejected` and the reason;
 * a reconciliation mismatch fails the run.
 */
export async function ingestFileWorkflow(input: IngestFileInput): Promise<IngestFileResult> {
  const file = await quick.registerFile({
    path: input.path,
    sha256: input.sha256,
    workflowId: workflowInfo().workflowId,
  });
  const base = { fileId: file.fileId, encoding: file.encoding, warnings: file.warnings };
  if (file.fileError) {
    log.warn('file rejected', { fileId: file.fileId, fileError: file.fileError });
    return {
      ...base,
      status: 'file_rejected',
      fileError: file.fileError,
      read: 0,
      loaded: 0,
      rejected: 0,
      duplicates: 0,
      blankLines: 0,
    };
  }
  const totals = await load.loadFile({ fileId: file.fileId, chunkRows: input.chunkRows });
  const checked = await quick.reconcileFile({
    fileId: file.fileId,
    rowsReadByParser: totals.rowsRead,
    blankLines: totals.blankLines,
  });
  log.info('file loaded', { fileId: file.fileId, read: checked.rowsRead, loaded: checked.loaded });
  // Batch detection over the new rows (DESIGN Data flow 1), as an abandoned child: the ingest run ends now and the
  // scoring outlives it. Behind patched() because histories of ingest runs without this step exist.
  if (patched('batch-detection-after-ingest') && checked.loaded > 0) {
    const detection: BatchDetectionInput = { fileId: file.fileId };
    try {
      await startChild('batchDetectionWorkflow', {
        workflowId: batchDetectionAfterIngestId(workflowInfo().workflowId),
        args: [detection],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      // A batch for this file is still running (the same file ingested again meanwhile): that one covers it.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  return {
    ...base,
    status: 'loaded',
    fileError: null,
    read: checked.rowsRead,
    loaded: checked.loaded,
    rejected: checked.rejected,
    duplicates: checked.duplicates,
    blankLines: totals.blankLines,
  };
}

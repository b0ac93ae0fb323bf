import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { addEvent } from '../../../activities/report-data/report-repository';
import type { Database } from '../../../schemas/db/database';
import { REPORT_RESUBMIT_SIGNAL } from '../../../schemas/report-workflow';
import { ResubmitRefused, type ReportsSource } from './reports-source';

/**
 * Resubmission as the CLI's `report resubmit` does it: the report's own workflow gets `reportResubmit` and sends
 * the archived file again as the next submission. Only a rejected ("not reported") report whose workflow still
 * runs can be resubmitted; the request is kept in the report's event log with who asked.
 */
export function temporalResubmit(db: Kysely<Database>, client: Client): NonNullable<ReportsSource['resubmit']> {
  return async (id, actor, reason) => {
    const report = await db
      .selectFrom('reports')
      .select(['workflow_id', 'status'])
      .where('report_id', '=', id)
      .executeTakeFirst();
    if (!report) throw new ResubmitRefused(404, 'no such report');
    if (report.status !== 'not_reported')
      throw new ResubmitRefused(
        409,
        `only a rejected (not_reported) report can be resubmitted; it is ${report.status}`,
      );
    const handle = client.workflow.getHandle(report.workflow_id);
    try {
      await handle.signal(REPORT_RESUBMIT_SIGNAL, { reason: reason ?? `resubmitted by ${actor}` });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        throw new ResubmitRefused(409, "the report's workflow is no longer running");
      throw error;
    }
    await addEvent(db, id, 'resubmit_requested', { by: actor, ...(reason ? { reason } : {}) });
    const { runId } = await handle.describe();
    return { workflowId: report.workflow_id, runId };
  };
}

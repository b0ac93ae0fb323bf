import type { Db } from '../report-data/report-repository';

/** The submission row of (report, n), created as `sending` on first use: the idempotency key is fixed from then on. */
export async function openSubmission(
  db: Db,
  input: { reportId: string; submissionNo: number; transport: 'sftp' | 'http' | 'dir'; sha256: string; bytes: number },
) {
  await db
    .insertInto('report_submissions')
    .values({
      report_id: input.reportId,
      submission_no: input.submissionNo,
      transport: input.transport,
      idempotency_key: `${input.reportId}.s${input.submissionNo}`,
      sha256: input.sha256,
      bytes: input.bytes,
    })
    .onConflict((oc) => oc.columns(['report_id', 'submission_no']).doNothing())
    .execute();
  return db
    .selectFrom('report_submissions')
    .selectAll()
    .where('report_id', '=', input.reportId)
    .where('submission_no', '=', input.submissionNo)
    .executeTakeFirstOrThrow();
}

/** The gateway's file name: the report's file, with `.rN` before the extension for a resubmission. */
export function remoteFileName(machinePath: string, submissionNo: number): string {
  const base = machinePath.split('/').pop() ?? machinePath;
  if (submissionNo === 1) return base;
  const dot = base.lastIndexOf('.');
  return `${base.slice(0, dot)}.r${submissionNo}${base.slice(dot)}`;
}

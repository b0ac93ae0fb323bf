import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { addEvent, getReport, hasEvent, setStatus } from '../report-data/report-repository';
import { openSubmission, remoteFileName } from './submissions';
import { PermanentDeliveryError, type GatewayAck, type ReportTransport } from './transport';

/** Sends e-mail (nodemailer in production, a capture in tests); null when SMTP is not configured. */
export interface Mailer {
  send(message: { messageId: string; to: string[]; subject: string; text: string }): Promise<void>;
}

export interface TransmitActivityDeps {
  db: Db;
  logger: Logger;
  transport: ReportTransport;
  mailer: Mailer | null;
  escalationTo: string[];
}

/** Transmission of archived reports, acknowledgements and escalation. */
export function createReportTransmitActivities(deps: TransmitActivityDeps) {
  const db = deps.db.kysely;
  return {
    /**
     * Delivers submission `submissionNo` of a report once. A retry after a delivery that happened (the worker died
     * before recording it) finds the file on the gateway and records it without sending again.
     */
    async transmitReport(input: { reportId: string; submissionNo: number }) {
      const report = await getReport(db, input.reportId);
      if (!report?.machine_path || !report.machine_sha256 || report.machine_bytes === null)
        throw ApplicationFailure.nonRetryable(`${input.reportId} is not archived`, 'NotArchived');
      const submission = await openSubmission(db, {
        ...input,
        transport: deps.transport.kind,
        sha256: report.machine_sha256,
        bytes: report.machine_bytes,
      });
      const pollable = Boolean(deps.transport.pollAck);
      // Sent before (a retry, or a second run of the same report): never again; an accepted one needs no waiting.
      if (submission.status !== 'sending')
        return { ...input, remoteRef: submission.remote_ref, pollable, accepted: submission.status === 'accepted' };
      let delivered;
      try {
        delivered = await deps.transport.deliver({
          localPath: report.machine_path,
          remoteName: remoteFileName(report.machine_path, input.submissionNo),
          sha256: report.machine_sha256,
          bytes: report.machine_bytes,
          idempotencyKey: submission.idempotency_key,
          reportId: input.reportId,
        });
      } catch (error) {
        if (error instanceof PermanentDeliveryError)
          throw ApplicationFailure.nonRetryable(error.message, 'PermanentDeliveryError');
        deps.logger.warn({ reportId: input.reportId, err: error }, 'report delivery failed; will retry');
        throw error;
      }
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('report_submissions')
          .set({ status: 'sent', remote_ref: delivered.remoteRef, sent_at: new Date() })
          .where('report_id', '=', input.reportId)
          .where('submission_no', '=', input.submissionNo)
          .where('status', '=', 'sending')
          .execute();
        await setStatus(tx, input.reportId, 'transmitted');
        await addEvent(tx, input.reportId, 'transmitted', { submissionNo: input.submissionNo, ...delivered });
      });
      return { ...input, remoteRef: delivered.remoteRef, pollable, accepted: false };
    },

    async pollGatewayAck(input: { reportId: string; submissionNo: number }): Promise<GatewayAck> {
      if (!deps.transport.pollAck) return { status: 'pending' };
      const submission = await db
        .selectFrom('report_submissions')
        .select(['idempotency_key', 'remote_ref'])
        .where('report_id', '=', input.reportId)
        .where('submission_no', '=', input.submissionNo)
        .executeTakeFirstOrThrow();
      return deps.transport.pollAck({
        idempotencyKey: submission.idempotency_key,
        remoteRef: submission.remote_ref ?? '',
      });
    },

    /** Records the gateway's answer: acknowledged, or rejected = "not reported" until resubmitted and acknowledged. */
    async recordAck(input: { reportId: string; submissionNo: number; accepted: boolean; reason: string | null }) {
      await db.transaction().execute(async (tx) => {
        const updated = await tx
          .updateTable('report_submissions')
          .set({ status: input.accepted ? 'accepted' : 'rejected', reason: input.reason, ack_at: new Date() })
          .where('report_id', '=', input.reportId)
          .where('submission_no', '=', input.submissionNo)
          .where('status', '=', 'sent')
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) return; // recorded before (a retry)
        await setStatus(tx, input.reportId, input.accepted ? 'acknowledged' : 'not_reported');
        await addEvent(tx, input.reportId, input.accepted ? 'acknowledged' : 'rejected', {
          submissionNo: input.submissionNo,
          reason: input.reason,
        });
      });
    },

    /** No acknowledgement in time: tell operations once per submission (e-mail when SMTP is configured, else log). */
    async escalateMissingAck(input: { reportId: string; submissionNo: number; waited: string }) {
      if (await hasEvent(db, input.reportId, 'escalated', input.submissionNo)) return { mailed: false };
      const subject = `[swap-reporting] no acknowledgement for ${input.reportId} after ${input.waited}`;
      const text = `Submission ${input.submissionNo} of ${input.reportId} has not been acknowledged by the gateway after ${input.waited}. The workflow keeps waiting; check the gateway.`;
      const mailed = Boolean(deps.mailer && deps.escalationTo.length);
      if (deps.mailer && mailed) {
        const messageId = `<report-escalation.${input.reportId}.s${input.submissionNo}@swap-reporting>`;
        await deps.mailer.send({ messageId, to: deps.escalationTo, subject, text });
      } else {
        deps.logger.error({ reportId: input.reportId, submissionNo: input.submissionNo }, subject);
      }
      await addEvent(db, input.reportId, 'escalated', {
        submissionNo: input.submissionNo,
        waited: input.waited,
        mailed,
      });
      return { mailed };
    },
  };
}

export type ReportTransmitActivities = ReturnType<typeof createReportTransmitActivities>;

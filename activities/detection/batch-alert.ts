import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../../schemas/db/database';

export interface BatchAlert {
  batchId: string;
  recipients: string[];
  from: string;
  subject: string;
  text: string;
  /** The batch anomaly report, attached. */
  reportPath: string | null;
  /** The Date header (default: when it is sent). */
  date?: Date;
}

/** One Message-ID per batch: a retried or replayed send is recognisably the same mail. */
export function batchAlertMessageId(batchId: string): string {
  return `<batch.${batchId.replace(/[^A-Za-z0-9._-]+/g, '_')}@swap-reporting>`;
}

/**
 * Sends the batch alert once: the `alert_messages` row (kind 'batch', keyed by the Message-ID) is written before
 * sending and marked sent after, so a batch whose alert is recorded as sent never mails again. A crash between the
 * send and the mark resends the same Message-ID, which receivers treat as one message.
 */
export async function sendBatchAlert(
  deps: { db: Kysely<Database>; transport: Transporter; clock: () => Date },
  alert: BatchAlert,
): Promise<{ messageId: string; sent: boolean }> {
  const messageId = batchAlertMessageId(alert.batchId);
  await deps.db
    .insertInto('alert_messages')
    .values({
      message_id: messageId,
      batch_id: alert.batchId,
      anomaly_event_key: null,
      kind: 'batch',
      recipients: alert.recipients,
      subject: alert.subject,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
  const row = await deps.db
    .selectFrom('alert_messages')
    .select('status')
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  if (row.status === 'sent') return { messageId, sent: false };
  await deps.transport.sendMail({
    messageId,
    from: alert.from,
    to: alert.recipients,
    subject: alert.subject,
    text: alert.text,
    ...(alert.date && { date: alert.date }),
    ...(alert.reportPath && { attachments: [{ path: alert.reportPath }] }),
  });
  await deps.db
    .updateTable('alert_messages')
    .set({ status: 'sent', sent_at: deps.clock() })
    .where('message_id', '=', messageId)
    .execute();
  return { messageId, sent: true };
}

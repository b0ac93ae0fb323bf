import type { Kysely } from 'kysely';
import type { AlertMessagesTable, Database } from '../../schemas/db/database';

export type MailKind = AlertMessagesTable['kind'];

export interface MailClaim {
  messageId: string;
  anomalyEventKey: string | null;
  batchId: string | null;
  kind: MailKind;
  recipients: string[];
  subject: string;
}

/**
 * Claims a message in `alert_messages` before it is sent: the first claim inserts the row ('sending'); a later one
 * (a retry, a replay, a second workflow) finds it. Returns the row's status, so 'sent' means "never send again" and
 * 'sending' means "send (again) with the same Message-ID" — the crash-between-send-and-mark case.
 */
export async function claimMessage(db: Kysely<Database>, claim: MailClaim): Promise<'sending' | 'sent'> {
  await db
    .insertInto('alert_messages')
    .values({
      message_id: claim.messageId,
      anomaly_event_key: claim.anomalyEventKey,
      batch_id: claim.batchId,
      kind: claim.kind,
      recipients: claim.recipients,
      subject: claim.subject,
    })
    // Either key may collide: the Message-ID, or (anomaly, kind), both deterministic for the same alert.
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .selectFrom('alert_messages')
    .select(['status', 'message_id'])
    .where('message_id', '=', claim.messageId)
    .executeTakeFirst();
  if (!row) throw new Error(`alert_messages holds another message for ${claim.anomalyEventKey}/${claim.kind}`);
  return row.status;
}

export async function markMessageSent(db: Kysely<Database>, messageId: string, at: Date): Promise<void> {
  await db
    .updateTable('alert_messages')
    .set({ status: 'sent', sent_at: at })
    .where('message_id', '=', messageId)
    .where('status', '=', 'sending')
    .execute();
}

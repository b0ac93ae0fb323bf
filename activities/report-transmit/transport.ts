/** What a transport is asked to deliver: the archived machine file under its gateway name. */
export interface DeliveryRequest {
  localPath: string;
  remoteName: string;
  sha256: string;
  bytes: number;
  /** Stable per (report, submission): a retried delivery is recognised, never a second submission. */
  idempotencyKey: string;
  reportId: string;
}

export type GatewayAck = { status: 'pending' } | { status: 'accepted' | 'rejected'; reason: string | null };

/** One interface for every way to reach the regulator's gateway (DESIGN: Regulator gateway). */
export interface ReportTransport {
  readonly kind: 'sftp' | 'http' | 'dir';
  /** Delivers the file exactly once: a retry after a delivery that did happen finds it and does nothing. */
  deliver(request: DeliveryRequest): Promise<{ remoteRef: string; alreadyThere: boolean }>;
  /** Asks the gateway for its acknowledgement, where it can be asked (http); otherwise acks arrive as signals. */
  pollAck?(request: { idempotencyKey: string; remoteRef: string }): Promise<GatewayAck>;
}

/** A delivery the gateway refused for a reason a retry cannot fix (bad credentials, a conflicting file). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

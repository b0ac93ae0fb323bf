import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PermanentDeliveryError, type GatewayAck, type ReportTransport } from './transport';

export interface HttpTransportOptions {
  /** The gateway's submission endpoint; acknowledgements are read from `<url>/<idempotency key>/ack`. */
  url: string;
  /** HMAC-SHA256 key for the payload signature (from the environment, never logged). */
  secret: string;
  timeoutMs?: number;
}

/**
 * HTTP POST of the machine file with an `Idempotency-Key` (the gateway answers a repeat with the first result) and
 * an `X-Signature: sha256=<hmac>` over the body. 4xx other than 408/409/429 is permanent; 5xx and network errors retry.
 */
export function createHttpTransport(options: HttpTransportOptions): ReportTransport {
  const timeout = options.timeoutMs ?? 30_000;
  return {
    kind: 'http',
    async deliver(request) {
      const body = await readFile(request.localPath);
      const signature = createHmac('sha256', options.secret).update(body).digest('hex');
      const response = await fetch(options.url, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(timeout),
        headers: {
          'content-type': request.remoteName.endsWith('.xml') ? 'application/xml' : 'text/csv; charset=utf-8',
          'idempotency-key': request.idempotencyKey,
          'x-signature': `sha256=${signature}`,
          'x-content-sha256': request.sha256,
          'x-report-id': request.reportId,
          'x-file-name': request.remoteName,
        },
      });
      const text = await response.text();
      if (response.status === 409) return { remoteRef: request.idempotencyKey, alreadyThere: true };
      if (response.ok) return { remoteRef: parseRef(text) ?? request.idempotencyKey, alreadyThere: false };
      const message = `gateway answered ${response.status}: ${text.slice(0, 200)}`;
      if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status))
        throw new PermanentDeliveryError(message);
      throw new Error(message);
    },
    async pollAck(request): Promise<GatewayAck> {
      const response = await fetch(
        `${options.url.replace(/\/$/, '')}/${encodeURIComponent(request.idempotencyKey)}/ack`,
        {
          signal: AbortSignal.timeout(timeout),
        },
      );
      if (response.status === 404) return { status: 'pending' };
      if (!response.ok) throw new Error(`gateway ack answered ${response.status}`);
      const ack = (await response.json()) as { status?: string; reason?: string };
      if (ack.status === 'accepted' || ack.status === 'rejected')
        return { status: ack.status, reason: ack.reason ?? null };
      return { status: 'pending' };
    },
  };
}

function parseRef(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : null;
  } catch {
    return null;
  }
}

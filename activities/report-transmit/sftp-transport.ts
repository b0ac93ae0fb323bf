import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { ReportTransportConfig } from '../../schemas/report-config';
import { PermanentDeliveryError, type DeliveryRequest, type ReportTransport } from './transport';

/** The `sftp` transport's configuration (a private key file or a password, from the environment). */
export type SftpTransportOptions = Omit<Extract<ReportTransportConfig, { kind: 'sftp' }>, 'kind'> & {
  readyTimeoutMs?: number;
};

async function remoteSha256(sftp: SftpClient, remotePath: string): Promise<string> {
  const hash = createHash('sha256');
  const stream = sftp.createReadStream(remotePath);
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * SFTP (ssh2-sftp-client): upload to a temporary name, verify size and SHA-256 on the server, then rename, so the
 * gateway never sees a partial file. A final file already there with the same checksum means an earlier attempt
 * delivered it: nothing is sent twice.
 */
export function createSftpTransport(options: SftpTransportOptions): ReportTransport {
  return {
    kind: 'sftp',
    async deliver(request: DeliveryRequest) {
      const sftp = new SftpClient('report-transmit');
      await sftp.connect({
        host: options.host,
        port: options.port,
        username: options.username,
        ...(options.privateKeyFile ? { privateKey: readFileSync(options.privateKeyFile) } : {}),
        ...(options.password ? { password: options.password } : {}),
        readyTimeout: options.readyTimeoutMs ?? 10_000,
        retries: 0,
      });
      try {
        const target = path.posix.join(options.remoteDir, request.remoteName);
        if (await sftp.exists(target)) {
          const stat = await sftp.stat(target);
          if (stat.size === request.bytes && (await remoteSha256(sftp, target)) === request.sha256)
            return { remoteRef: target, alreadyThere: true };
          throw new PermanentDeliveryError(`${target} exists on the gateway with different content`);
        }
        const temporary = path.posix.join(options.remoteDir, `.${request.remoteName}.${request.idempotencyKey}.part`);
        await sftp.fastPut(request.localPath, temporary);
        const stat = await sftp.stat(temporary);
        if (stat.size !== request.bytes)
          throw new Error(`size mismatch on the gateway: ${stat.size} ≠ ${request.bytes}`);
        if ((await remoteSha256(sftp, temporary)) !== request.sha256)
          throw new Error('checksum mismatch on the gateway');
        await sftp.rename(temporary, target);
        return { remoteRef: target, alreadyThere: false };
      } finally {
        await sftp.end().catch(() => undefined);
      }
    },
  };
}

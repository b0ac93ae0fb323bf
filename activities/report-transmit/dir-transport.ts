import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { sha256File } from '../report-render/report-files';
import { PermanentDeliveryError, type ReportTransport } from './transport';

/** A folder as the gateway (a laptop, or a share another system collects from): copy to a temporary name, rename. */
export function createDirTransport(options: { dir: string }): ReportTransport {
  return {
    kind: 'dir',
    async deliver(request) {
      mkdirSync(options.dir, { recursive: true });
      const target = path.join(options.dir, request.remoteName);
      if (existsSync(target)) {
        if ((await sha256File(target)) === request.sha256) return { remoteRef: target, alreadyThere: true };
        throw new PermanentDeliveryError(`${target} exists with different content`);
      }
      const temporary = path.join(options.dir, `.${request.remoteName}.${request.idempotencyKey}.part`);
      copyFileSync(request.localPath, temporary);
      if ((await sha256File(temporary)) !== request.sha256)
        throw new Error(`checksum mismatch after copy to ${temporary}`);
      renameSync(temporary, target);
      return { remoteRef: target, alreadyThere: false };
    },
  };
}

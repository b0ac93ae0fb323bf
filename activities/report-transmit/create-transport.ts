import type { ReportTransportConfig } from '../../schemas/report-config';
import { createDirTransport } from './dir-transport';
import { createHttpTransport } from './http-transport';
import { createSftpTransport } from './sftp-transport';
import type { ReportTransport } from './transport';

/** The configured transport (REPORT_TRANSPORT). */
export function createReportTransport(config: ReportTransportConfig): ReportTransport {
  switch (config.kind) {
    case 'dir':
      return createDirTransport({ dir: config.dir });
    case 'sftp':
      return createSftpTransport(config);
    case 'http':
      return createHttpTransport(config);
  }
}

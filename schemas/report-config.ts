import path from 'node:path';
import { z } from 'zod';
import { isValidLei, withLeiCheckDigits } from './trade/lei';

/** Report settings of the CPU worker (spread into workerConfigSchema). Secrets only from the environment. */
export const reportConfigShape = {
  /** The reporting entity's LEI printed in every report header. */
  REPORT_ENTITY_LEI: z.string().refine(isValidLei, 'not a valid LEI').default(withLeiCheckDigits('988400KSBSWAP7Q2M4')),
  REPORT_MACHINE_FORMAT: z.enum(['csv', 'xml']).default('csv'),
  REPORT_TRANSPORT: z.enum(['dir', 'sftp', 'http']).default('dir'),
  /** `dir` transport target; default DATA_DIR/outbox. */
  REPORT_OUTBOX_DIR: z.string().min(1).optional(),
  REPORT_SFTP_HOST: z.string().min(1).optional(),
  REPORT_SFTP_PORT: z.coerce.number().int().min(1).max(65535).default(22),
  REPORT_SFTP_USER: z.string().min(1).optional(),
  REPORT_SFTP_KEY_FILE: z.string().min(1).optional(),
  REPORT_SFTP_PASSWORD: z.string().min(1).optional(),
  REPORT_SFTP_DIR: z.string().min(1).default('.'),
  REPORT_HTTP_URL: z.url().optional(),
  /** HMAC-SHA256 key that signs HTTP submissions. */
  REPORT_HTTP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Comma-separated addresses that hear about a missing acknowledgement; empty = OPERATIONS_TO. Mail goes out
   * through the alerts' SMTP settings (SMTP_URL, ALERT_FROM). */
  REPORT_ESCALATION_TO: z.string().default(''),
};

export const reportConfigSchema = z.object(reportConfigShape);
type ReportConfigInput = z.infer<typeof reportConfigSchema> & { DATA_DIR: string };

export type ReportTransportConfig =
  | { kind: 'dir'; dir: string }
  | {
      kind: 'sftp';
      host: string;
      port: number;
      username: string;
      privateKeyFile?: string | undefined;
      password?: string | undefined;
      remoteDir: string;
    }
  | { kind: 'http'; url: string; secret: string };

/** The transport settings, checked together: a transport without what it needs stops the worker at start. */
export function reportTransportConfig(config: Readonly<ReportConfigInput>): ReportTransportConfig {
  switch (config.REPORT_TRANSPORT) {
    case 'dir':
      return { kind: 'dir', dir: path.resolve(config.REPORT_OUTBOX_DIR ?? path.join(config.DATA_DIR, 'outbox')) };
    case 'sftp':
      if (!config.REPORT_SFTP_HOST || !config.REPORT_SFTP_USER)
        throw new Error('REPORT_TRANSPORT=sftp needs REPORT_SFTP_HOST and REPORT_SFTP_USER');
      if (!config.REPORT_SFTP_KEY_FILE && !config.REPORT_SFTP_PASSWORD)
        throw new Error('REPORT_TRANSPORT=sftp needs REPORT_SFTP_KEY_FILE or REPORT_SFTP_PASSWORD');
      return {
        kind: 'sftp',
        host: config.REPORT_SFTP_HOST,
        port: config.REPORT_SFTP_PORT,
        username: config.REPORT_SFTP_USER,
        privateKeyFile: config.REPORT_SFTP_KEY_FILE,
        password: config.REPORT_SFTP_PASSWORD,
        remoteDir: config.REPORT_SFTP_DIR,
      };
    case 'http':
      if (!config.REPORT_HTTP_URL || !config.REPORT_HTTP_SECRET)
        throw new Error('REPORT_TRANSPORT=http needs REPORT_HTTP_URL and REPORT_HTTP_SECRET');
      return { kind: 'http', url: config.REPORT_HTTP_URL, secret: config.REPORT_HTTP_SECRET };
  }
}

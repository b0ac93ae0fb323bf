import type { Client } from '@temporalio/client';
import type { Db } from '../../../activities/db/connection';
import type { Logger } from '../../../activities/logging/logger';
import type { TokenService } from '../auth/token-service';
import type { ReportsSource } from './reports-source';

/** Settings of the staff API and web UI; every one has a default so createApp keeps working without them. */
export interface StaffOptions {
  /** Base of links into the Temporal web UI (TEMPORAL_UI_URL). */
  temporalUiUrl: string;
  temporalNamespace: string;
  /** Lifetime of a login session's token. */
  sessionTtlSeconds: number;
  /** Login attempts allowed per client address and window. */
  loginRateLimit: { limit: number; windowMs: number };
  /** Where report documents come from (the reports feature provides one; the default reads a `reports` table). */
  reports?: ReportsSource;
  /** Folder that report files must live under; a stored path outside it is never served. */
  reportsDir?: string;
  /** How long the dashboard reuses Temporal's schedule answers. */
  scheduleCacheMs: number;
  clock: () => Date;
}

export const STAFF_DEFAULTS: StaffOptions = {
  temporalUiUrl: 'http://127.0.0.1:8233',
  temporalNamespace: 'default',
  sessionTtlSeconds: 8 * 3600,
  loginRateLimit: { limit: 10, windowMs: 60_000 },
  scheduleCacheMs: 10_000,
  clock: () => new Date(),
};

export interface StaffDeps {
  db: Db;
  temporal: Client;
  logger: Logger;
  tokens: TokenService;
  /** Told of every logout's token id, so this process refuses it at once. */
  onLogout?: (jti: string) => void;
  options: StaffOptions;
}

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../client/api/app';
import { createTokenService } from '../../client/api/auth/token-service';
import type { StaffOptions } from '../../client/api/staff/staff-deps';
import type { Logger } from '../../activities/logging/logger';
import type { Role } from '../../client/api/auth/roles';
import { connectClient } from './temporal-env';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** A logger that keeps every entry, so tests can see what the API logged (refusals, failed signals). */
export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (bindings: Record<string, unknown>): Logger & { entries: LogEntry[] } => {
    const at = (level: LogEntry['level']) => (obj: object, msg?: string) =>
      entries.push({ level, obj: { ...bindings, ...obj }, msg });
    return {
      entries,
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (b) => make({ ...bindings, ...b }),
    };
  };
  return make({});
}

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface StaffApp {
  baseUrl: string;
  database: TestDatabase;
  logger: Logger & { entries: LogEntry[] };
  tokens: ReturnType<typeof createTokenService>;
  temporal: Awaited<ReturnType<typeof connectClient>>;
  /** A bearer token for a role, issued directly (login is tested on its own). */
  tokenFor(role: Role, sub?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real API (createApp) on a random port with a fresh database (or `shared`, which the caller keeps and drops)
 * and the test Temporal server.
 */
export async function startStaffApp(staff: Partial<StaffOptions> = {}, shared?: TestDatabase): Promise<StaffApp> {
  const database = shared ?? (await createTestDatabase('staff'));
  const temporal = await connectClient();
  const logger = recordingLogger();
  const tokens = createTokenService({ secret: TEST_JWT_SECRET });
  const app = createApp({
    db: database.db,
    temporal: temporal.client,
    logger,
    tokens,
    staff: { temporalUiUrl: 'http://temporal-ui.test', ...staff },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    logger,
    tokens,
    temporal,
    async tokenFor(role, sub = `${role}-user`) {
      return (await tokens.issue({ sub, role })).token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await temporal.close();
      if (!shared) await database.drop();
    },
  };
}

import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The levels we use, so a typo is a type error. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** One structured JSON-lines logger per process; secrets are redacted by key wherever they appear. */
export function createLogger(options: { service: string; level: LogLevel; destination?: number }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'databaseUrl', '*.databaseUrl', 'DATABASE_URL', 'token', '*.token', 'secret'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: options.destination ?? 1, sync: false }),
  );
}

/** Hides the password of a connection URL for display. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');
}

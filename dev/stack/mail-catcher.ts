import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/**
 * A local SMTP server for `npm start`: every alert the workers send lands as an .eml file under `dir`, so alerts
 * can be read on a laptop without a mail system. Production points SMTP_URL at the bank's relay instead.
 */
export async function startMailCatcher(options: { dir: string; port: number; host?: string }): Promise<MailCatcher> {
  mkdirSync(options.dir, { recursive: true });
  let seq = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const name = `${new Date().toISOString().replaceAll(':', '')}-${String(++seq).padStart(4, '0')}.eml`;
        writeFileSync(path.join(options.dir, name), Buffer.concat(chunks));
        callback();
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  return {
    url: `smtp://${host}:${options.port}`,
    dir: options.dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

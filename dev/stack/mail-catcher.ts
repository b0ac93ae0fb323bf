import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback SMTP server for development that accepts every message and writes it to `dir` as an .eml file (open
 * it with any mail program), so alerts can be read without a real mail server. Production uses SMTP_URL.
 */
export async function startMailCatcher(options: {
  dir: string;
  port: number;
  log: (line: string) => void;
}): Promise<MailCatcher> {
  mkdirSync(options.dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'dev' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '(no subject)';
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`;
        writeFileSync(path.join(options.dir, name), raw);
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        options.log(`mail to ${to}: ${subject} → ${name}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} is in use: set SMTP_URL to a mail server, or SMTP_PORT to a free port`)
          : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${options.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

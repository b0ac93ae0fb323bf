import path from 'node:path';
import { startMailCatcher } from './stack/mail-catcher';

// `npm run mail:catch`: a loopback SMTP server on SMTP_PORT (1025) that saves every mail under DATA_DIR/mail, for
// workers started by hand with the default SMTP_URL. `npm start` runs the same catcher itself.
const dir = path.resolve(process.env.DATA_DIR ?? '.data', 'mail');
const catcher = await startMailCatcher({
  dir,
  port: Number(process.env.SMTP_PORT ?? 1025),
  log: (line) => process.stderr.write(`[mail] ${line}\n`),
});
process.stderr.write(`[mail] catching at ${catcher.url}, saving to ${dir}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void catcher.close());

import { createInterface } from 'node:readline';

/** The first line of stdin (for `--password-stdin`: `printf '%s\n' "$PW" | … --password-stdin`). */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** Asks twice on the terminal without echo; throws when stdin is not a terminal or the two differ. */
export async function promptPassword(label: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new Error('no terminal to ask for a password: use --password-stdin or --password-env');
  const first = await promptHidden(`${label}: `);
  const second = await promptHidden('again: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          done();
          return resolve(value);
        }
        if (char === '\u0003') {
          done();
          return reject(new Error('cancelled'));
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

import { SingleBar } from 'cli-progress';

/** `--json`: one JSON object on stdout, logs on stderr. Otherwise a human summary. */
export function printResult(json: boolean, value: Record<string, unknown>, human: () => string): void {
  if (json) process.stdout.write(JSON.stringify(value) + '\n');
  else process.stdout.write(human() + '\n');
}

export function note(message: string): void {
  process.stderr.write(message + '\n');
}

/** A progress bar on stderr when it is a terminal; silent otherwise (scripts, CI, --json pipes). */
export function progressBar(label: string, total: number) {
  if (!process.stderr.isTTY || total <= 0) {
    return { update: (_value: number, _payload?: Record<string, unknown>) => undefined, stop: () => undefined };
  }
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} {unit} | {detail}`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0, { unit: '', detail: '' });
  return {
    update: (value: number, payload: Record<string, unknown> = {}) => bar.update(value, payload),
    stop: () => bar.stop(),
  };
}

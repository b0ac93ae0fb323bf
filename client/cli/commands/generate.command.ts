import type { Command } from 'commander';
import {
  DEFAULT_ANOMALY_RATE,
  TRADE_FILE_ENCODINGS,
  checkDateIsPast,
  checkGenerateOptions,
  generateTradeFile,
  parseNumberOption,
  type GenerateOptions,
  type GenerateSummary,
  type TradeFileEncoding,
} from '../../generate';
import { progressBar } from '../output';

/** The command's options as commander hands them over (text, before parsing). */
export interface GenerateFlags {
  date: string;
  rows: string;
  seed: string;
  out: string;
  anomalyRate: string;
  encoding: string;
  crlf?: boolean;
  json?: boolean;
}

/** What the command reads from and writes to the outside, injectable so tests can pin and capture them. */
export interface GenerateCommandDeps {
  /** Wall clock, for the check that the date has ended. */
  now: () => number;
  /** Standard output: the JSON object or the human summary. */
  print: (text: string) => void;
}

const processDeps: GenerateCommandDeps = {
  now: () => Date.now(),
  print: (text) => process.stdout.write(text + '\n'),
};

/**
 * `generate --date D --rows N --seed S --out FILE`: a synthetic day of trades, labels beside it in `FILE.labels.csv`.
 * Invalid options throw one Error naming every problem; the CLI main prints it and exits non-zero.
 */
export function registerGenerateCommand(program: Command, deps: GenerateCommandDeps = processDeps): void {
  program
    .command('generate')
    .description('write a synthetic day of swap trades (CSV) with labelled anomalies in FILE.labels.csv')
    .requiredOption('--date <date>', 'KST business date of the trades, YYYY-MM-DD (a past weekday)')
    .requiredOption('--rows <n>', 'number of trade rows, e.g. 1000000 or 1e6')
    .requiredOption('--seed <s>', 'non-negative integer; the same seed and options give byte-identical files')
    .requiredOption('--out <file>', 'trade file to write (its folder must exist)')
    .option('--anomaly-rate <r>', 'share of rows that are labelled anomalies, 0-1', String(DEFAULT_ANOMALY_RATE))
    .option('--encoding <encoding>', `file encoding: ${TRADE_FILE_ENCODINGS.join(' | ')}`, 'utf8')
    .option('--crlf', 'end lines with CRLF instead of LF')
    .option('--json', 'print one JSON object on stdout')
    .action(async (flags: GenerateFlags) => {
      const options = toGenerateOptions(flags, deps.now());
      const bar = progressBar('generate', options.rows);
      const started = performance.now();
      let summary: GenerateSummary;
      try {
        summary = await generateTradeFile({ ...options, onProgress: (done) => bar.update(done, { unit: 'rows' }) });
      } finally {
        bar.stop();
      }
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      // --json: one JSON object on stdout (DESIGN: CLI), progress and logs stay on stderr.
      deps.print(flags.json ? JSON.stringify({ ...summary, seconds }) : describe(summary, seconds));
    });
}

/** Parses the flags, throwing one Error that lists every invalid option. */
export function toGenerateOptions(flags: GenerateFlags, nowMs: number): GenerateOptions {
  const options: GenerateOptions = {
    date: flags.date.trim(),
    rows: parseNumberOption(flags.rows),
    seed: parseNumberOption(flags.seed),
    out: flags.out,
    anomalyRate: parseNumberOption(flags.anomalyRate),
    encoding: flags.encoding.trim().toLowerCase() as TradeFileEncoding,
    crlf: Boolean(flags.crlf),
  };
  const problems = checkGenerateOptions(options);
  const notPast = checkDateIsPast(options.date, nowMs);
  if (notPast) problems.push(notPast);
  if (problems.length > 0) throw new Error(`generate: ${problems.join('; ')}`);
  return options;
}

function describe(summary: GenerateSummary, seconds: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const kinds = Object.entries(summary.anomalies)
    .map(([kind, n]) => `${kind} ${count(n)}`)
    .join(', ');
  const actions = Object.entries(summary.actions)
    .map(([action, n]) => `${action} ${count(n)}`)
    .join(', ');
  const percent = ((summary.anomalyRows / summary.rows) * 100).toFixed(2);
  return [
    `wrote ${count(summary.rows)} trades for ${summary.date} (seed ${summary.seed}) to ${summary.out}` +
      ` (${(summary.bytes / 1e6).toFixed(1)} MB, ${summary.encoding}) in ${seconds} s`,
    `actions: ${actions}`,
    `labels: ${summary.labelsOut}; ${count(summary.anomalyRows)} anomalies (${percent}%): ${kinds}`,
  ].join('\n');
}

import type { Command } from 'commander';
import { addCalendarClosure, readBusinessCalendar } from '../../../activities/calendar/read-business-calendar';
import { isBusinessDay } from '../../../schemas/calendar/business-calendar';
import { addDays } from '../../../schemas/calendar/kst';
import { cliContext } from '../context';
import { printResult } from '../output';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `calendar show|close`: the business calendar the alerts follow, and ad-hoc closures. */
export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('business calendar: holidays and closures (KST)');
  calendar
    .command('show')
    .description("a year's closed days (holidays, closures) and its business-day count")
    .requiredOption('--year <year>', 'calendar year', (v) => Number(v))
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { year: number; json?: boolean }) => {
      if (!Number.isInteger(options.year)) throw new Error('--year must be a year, e.g. 2026');
      const db = cliContext().database();
      try {
        const data = await readBusinessCalendar(db.kysely, { fromYear: options.year, toYear: options.year });
        const missing = data.missingYears.includes(options.year);
        let businessDays = 0;
        if (!missing) {
          for (let d = `${options.year}-01-01`; d.startsWith(String(options.year)); d = addDays(d, 1)) {
            if (isBusinessDay(d, data)) businessDays++;
          }
        }
        const closed = Object.entries(data.closed).sort(([a], [b]) => a.localeCompare(b));
        printResult(Boolean(options.json), { year: options.year, missing, businessDays, closed: data.closed }, () =>
          [
            missing
              ? `${options.year}: NO HOLIDAY DATA — no day counts as a business day until it is provided`
              : `${options.year}: ${businessDays} business days`,
            ...closed.map(([date, reason]) => `  ${date}  ${reason}`),
          ].join('\n'),
        );
      } finally {
        await db.close();
      }
    });
  calendar
    .command('close')
    .description('add an ad-hoc closure (or, with --holiday, a public holiday the package does not know)')
    .argument('<date>', 'KST date YYYY-MM-DD')
    .requiredOption('--reason <text>', 'why the market or bank is closed')
    .option('--holiday', "a public holiday (marks the year's holiday data as provided)")
    .option('--json', 'print one JSON object on stdout')
    .action(async (date: string, options: { reason: string; holiday?: boolean; json?: boolean }) => {
      if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Error(`not a date: ${date}`);
      const db = cliContext().database();
      try {
        const kind = options.holiday ? 'holiday' : 'closure';
        await addCalendarClosure(db.kysely, {
          date,
          reason: options.reason,
          kind,
          createdBy: process.env.USER ?? 'operator',
        });
        printResult(Boolean(options.json), { date, kind, reason: options.reason }, () => `${date} closed (${kind})`);
      } finally {
        await db.close();
      }
    });
}

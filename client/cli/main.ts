import { Command, CommanderError } from 'commander';
import { ConfigError } from '../../schemas/config';
import { registerCalendarCommands } from './commands/calendar.command';
import { registerBackfillCommand } from './commands/backfill.command';
import { registerGenerateCommand } from './commands/generate.command';
import { registerIngestCommand } from './commands/ingest.command';
import { registerModelCommands } from './commands/models.command';
import { registerReplayCommands } from './commands/replay.command';
import { registerReportCommands } from './commands/report.command';
import { registerScheduleCommands } from './commands/schedules.command';
import { registerUserCommands } from './commands/users.command';
import { registerDetectCommands } from './commands/detect.command';
import { registerRulesCommands } from './commands/rules.command';
import { registerTokenCommand } from './commands/token.command';

// `npm run cli -- <command>`: every command takes --json and exits non-zero on failure.
const program = new Command('swap-reporting')
  .description('Operate swap-reporting: data, ingestion, models, schedules, replay')
  .showHelpAfterError()
  .exitOverride();

registerGenerateCommand(program);
registerIngestCommand(program);
registerReplayCommands(program);
registerModelCommands(program);
registerScheduleCommands(program);
registerCalendarCommands(program);
registerUserCommands(program);
registerReportCommands(program);
registerBackfillCommand(program);
registerRulesCommands(program);
registerDetectCommands(program);
registerTokenCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = 1;
  }
}

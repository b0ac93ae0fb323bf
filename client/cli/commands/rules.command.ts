import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { activeRuleSet, setRuleSet } from '../../../activities/detection/rules/rule-set.repository';
import { ruleSetSchema } from '../../../schemas/detection/rule-set';
import { cliContext } from '../context';
import { printResult } from '../output';

/** `rules show`, `rules set FILE`: the versioned detection rule set. */
export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('detection rule set (versioned)');
  rules
    .command('show')
    .description('the active rule set and its version (seeds the default when there is none)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { json?: boolean }) => {
      const db = cliContext().database();
      try {
        const active = await activeRuleSet(db.kysely);
        const value = { version: active.version, createdBy: active.createdBy, rules: active.input };
        printResult(Boolean(options.json), value, () => JSON.stringify(value, null, 2));
      } finally {
        await db.close();
      }
    });
  rules
    .command('set')
    .description('store a rule set (JSON file, the shape `rules show` prints) as a new active version')
    .argument('<file>', 'JSON file with the rules')
    .option('--by <name>', 'who changes the rules, for the record', process.env.USER ?? 'operator')
    .option('--json', 'print one JSON object on stdout')
    .action(async (file: string, options: { by: string; json?: boolean }) => {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      // `rules show` prints { version, rules }; accept that as well as the bare rules.
      const input = typeof parsed === 'object' && parsed !== null && 'rules' in parsed ? parsed.rules : parsed;
      const checked = ruleSetSchema.safeParse(input);
      if (!checked.success) {
        throw new Error(
          `invalid rule set:\n${checked.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
        );
      }
      const db = cliContext().database();
      try {
        const stored = await setRuleSet(db.kysely, input, options.by);
        printResult(
          Boolean(options.json),
          { version: stored.version },
          () => `rule set version ${stored.version} is active`,
        );
      } finally {
        await db.close();
      }
    });
}

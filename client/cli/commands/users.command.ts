import { Option, type Command } from 'commander';
import { hashPassword } from '../../users/password-hash';
import { addUser, disableUser, listUsers, STAFF_ROLES } from '../../users/users.repository';
import { cliContext } from '../context';
import { printResult } from '../output';
import { promptPassword, readPasswordFromStdin } from '../read-password';

export const MIN_PASSWORD_LENGTH = 12;

interface AddOptions {
  role: (typeof STAFF_ROLES)[number];
  passwordStdin?: boolean;
  passwordEnv?: string;
  json?: boolean;
}

/** `users add|disable|list`: staff accounts. Passwords never come as an argument (shell history, ps). */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('staff accounts of the web UI and API');
  users
    .command('add')
    .description('add a staff user; the password is asked for, or read from stdin or a named environment variable')
    .argument('<name>', 'user name (2–64 of A–Z a–z 0–9 . _ -)')
    .addOption(new Option('--role <role>', 'viewer, reviewer or admin').choices(STAFF_ROLES).makeOptionMandatory())
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--password-env <variable>', 'read the password from this environment variable')
    .option('--json', 'print one JSON object on stdout')
    .action(async (name: string, options: AddOptions) => {
      const password = await passwordFor(name, options);
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
      }
      const db = cliContext().database();
      try {
        const { created } = await addUser(db.kysely, {
          name,
          role: options.role,
          passwordHash: await hashPassword(password),
        });
        if (!created) throw new Error(`user ${name} exists already`);
        printResult(
          Boolean(options.json),
          { name, role: options.role, created },
          () => `added ${name} (${options.role})`,
        );
      } finally {
        await db.close();
      }
    });
  users
    .command('disable')
    .description('disable a user: logins fail from now on')
    .argument('<name>', 'user name')
    .option('--json', 'print one JSON object on stdout')
    .action(async (name: string, options: { json?: boolean }) => {
      const db = cliContext().database();
      try {
        if (!(await disableUser(db.kysely, name))) throw new Error(`no user ${name}`);
        printResult(Boolean(options.json), { name, disabled: true }, () => `disabled ${name}`);
      } finally {
        await db.close();
      }
    });
  users
    .command('list')
    .description('every user with role and state')
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { json?: boolean }) => {
      const db = cliContext().database();
      try {
        const list = await listUsers(db.kysely);
        printResult(
          Boolean(options.json),
          { users: list },
          () =>
            list
              .map(
                (u) =>
                  `${u.name.padEnd(20)} ${u.role.padEnd(9)} ${u.disabled ? 'disabled' : 'active  '} last login ${u.lastLoginAt?.toISOString() ?? '-'}`,
              )
              .join('\n') || 'no users yet',
        );
      } finally {
        await db.close();
      }
    });
}

async function passwordFor(name: string, options: AddOptions): Promise<string> {
  if (options.passwordStdin) return readPasswordFromStdin();
  if (options.passwordEnv) {
    const value = process.env[options.passwordEnv];
    if (value === undefined) throw new Error(`environment variable ${options.passwordEnv} is not set`);
    return value;
  }
  return promptPassword(`password for ${name}`);
}

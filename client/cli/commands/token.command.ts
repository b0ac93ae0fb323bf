import type { Command } from 'commander';
import { isRole, ROLES } from '../../api/auth/roles';
import { createTokenService } from '../../api/auth/token-service';
import { cliContext } from '../context';
import { printResult } from '../output';

/** `token issue --sub NAME --role ROLE [--ttl SECONDS]`: a bearer token for an upstream system or a person. */
export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('API bearer tokens');
  token
    .command('issue')
    .description('sign a JWT with API_JWT_SECRET (e.g. --sub trading --role service for an upstream system)')
    .requiredOption('--sub <name>', 'who the token is for: a system (trading, collateral) or a user name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--ttl <seconds>', 'lifetime in seconds', String(30 * 24 * 3600))
    .option('--json', 'print one JSON object on stdout')
    .action(async (options: { sub: string; role: string; ttl: string; json?: boolean }) => {
      const { config } = cliContext();
      if (!config.API_JWT_SECRET)
        throw new Error('API_JWT_SECRET is not set: the token must be signed with the API’s key');
      if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const ttl = Number(options.ttl);
      if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('--ttl must be a positive number of seconds');
      const issued = await createTokenService({ secret: config.API_JWT_SECRET }).issue(
        { sub: options.sub, role: options.role },
        ttl,
      );
      const result = {
        token: issued.token,
        sub: options.sub,
        role: options.role,
        jti: issued.jti,
        expiresAt: issued.expiresAt.toISOString(),
      };
      printResult(Boolean(options.json), result, () => issued.token);
    });
}

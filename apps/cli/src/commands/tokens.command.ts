import { ApiTokenService } from '@banca/auth';
import { ROLES, SYSTEM_ACTOR } from '@banca/domain';
import type { CliCommand } from '../cli.types';

export const tokensCommand: CliCommand = (program, { io, withApp }) => {
  const tokens = program.command('tokens').description('Manage API tokens for machine clients');

  tokens
    .command('create')
    .description('Create an API token acting with a role; the token is printed once, only its hash is stored')
    .requiredOption('--name <name>', 'what the token is for, e.g. "partner A nightly upload"')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--expires-at <iso-date-time>', 'when it stops working (default: never)')
    .action(async (options: { name: string; role: string; expiresAt?: string }) => {
      const { token, apiToken } = await withApp((app) =>
        app.get(ApiTokenService).create({ name: options.name, role: options.role, expiresAt: options.expiresAt }, SYSTEM_ACTOR),
      );
      io.out(`Created API token "${apiToken.name}" (role ${apiToken.role}, id ${apiToken.id}).\n`);
      io.out(`Token (shown once, store it now; send it as "Authorization: Bearer <token>"):\n${token}\n`);
    });

  tokens
    .command('list')
    .description('List API tokens (never their values)')
    .action(async () => {
      const list = await withApp((app) => app.get(ApiTokenService).list());
      if (list.length === 0) io.out('No API tokens.\n');
      for (const t of list) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? 'never'}`;
        io.out(`${t.id}  ${t.prefix}…  ${t.role.padEnd(10)}  ${t.name}  (${state})\n`);
      }
    });

  tokens
    .command('revoke')
    .description('Revoke an API token; requests with it are refused from now on')
    .argument('<id>')
    .action(async (id: string) => {
      const revoked = await withApp((app) => app.get(ApiTokenService).revoke(id, SYSTEM_ACTOR));
      io.out(`Revoked API token "${revoked.name}" (${revoked.prefix}…).\n`);
    });
};

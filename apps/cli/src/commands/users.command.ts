import { UserService } from '@banca/auth';
import type { UserRecordDto } from '@banca/contracts';
import { ROLES, SYSTEM_ACTOR } from '@banca/domain';
import type { CliCommand } from '../cli.types';

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

const statusOf = (u: UserRecordDto) => (u.disabledAt ? `disabled ${u.disabledAt.slice(0, 10)}` : 'active');

export const usersCommand: CliCommand = (program, { io, withApp }) => {
  const users = program.command('users').description('Manage the people who sign in');

  users
    .command('create')
    .description('Create a user; without --password-stdin a strong password is generated and printed once')
    .requiredOption('--username <username>', 'sign-in name (letters, digits, ".", "_", "-")')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--display-name <name>', 'name shown in the dashboards (default: the username)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (options: { username: string; role: string; displayName?: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
      const { user, generatedPassword } = await withApp((app) =>
        app.get(UserService).create(
          { username: options.username, role: options.role, displayName: options.displayName, password },
          SYSTEM_ACTOR,
        ),
      );
      io.out(`Created user ${user.username} (role ${user.role}, id ${user.id}).\n`);
      if (generatedPassword) io.out(`Password (shown once, store it now): ${generatedPassword}\n`);
    });

  users
    .command('list')
    .description('List users with their role and status')
    .action(async () => {
      const list = await withApp((app) => app.get(UserService).list());
      if (list.length === 0) {
        io.out('No users yet. Create one with: banca users create --username <u> --role admin\n');
        return;
      }
      io.out(
        table([
          ['USERNAME', 'ROLE', 'DISPLAY NAME', 'STATUS', 'LAST LOGIN', 'ID'],
          ...list.map((u) => [u.username, u.role, u.displayName, statusOf(u), u.lastLoginAt ?? 'never', u.id]),
        ]),
      );
    });

  users
    .command('disable')
    .description('Disable a user (kept for the audit trail, never deleted); their sessions end')
    .argument('<username>')
    .action(async (username: string) => {
      const user = await withApp(async (app) => {
        const service = app.get(UserService);
        return service.disable((await service.getByUsername(username)).id, SYSTEM_ACTOR);
      });
      io.out(`Disabled user ${user.username}.\n`);
    });
};

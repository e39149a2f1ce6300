import type { INestApplicationContext } from '@nestjs/common';
import { DemoUsersService, type DemoCredential } from '@banca/auth';
import { SYSTEM_ACTOR } from '@banca/domain';
import { DemoDataService } from '@banca/ingestion';

/** Prints demo credentials once, outside the JSON logs, with a warning that they are for a demo only. */
export function formatDemoCredentials(credentials: readonly DemoCredential[]): string {
  const width = Math.max(...credentials.map((c) => c.username.length), 'username'.length);
  const lines = [
    '',
    '================================================================================',
    ' DEMO USERS (created because the database had no users). DEMO ONLY: do not use',
    ' for real data. Passwords are shown this once; disable these users or start from',
    ' an empty database with BANCA_DEMO=off for real use.',
    '--------------------------------------------------------------------------------',
    ...credentials.map((c) => ` ${c.username.padEnd(width)}  password: ${c.password}   (role ${c.role})`),
    '================================================================================',
    '',
  ];
  return lines.join('\n') + '\n';
}

/** Demo start-up: users for every role and demo customers, each only when there are none yet. */
export async function runDemoBootstrap(app: INestApplicationContext, print: (text: string) => void): Promise<void> {
  const credentials = await app.get(DemoUsersService).ensureDemoUsers();
  if (credentials.length > 0) print(formatDemoCredentials(credentials));
  await app.get(DemoDataService).ensureDemoData(SYSTEM_ACTOR);
}

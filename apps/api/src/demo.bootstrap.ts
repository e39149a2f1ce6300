import { Logger, type INestApplicationContext } from '@nestjs/common';
import { DemoUsersService, type DemoCredential } from '@banca/auth';
import { CAMPAIGN_DEMO_DEFAULTS, CampaignDemoService } from '@banca/campaigns';
import type { IngestionRunDto } from '@banca/contracts';
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

/**
 * The campaigns demo in the background (the HTTP server does not wait for it): once the base demo's runs
 * and their jobs are done, the six campaigns are created, launched, given outcomes and spend — only when
 * there are no campaigns yet and the customers are the generated demo's. Progress and failures are logged.
 */
export function startCampaignDemo(app: INestApplicationContext, anchor: string, baseRuns: readonly IngestionRunDto[]): Promise<void> {
  const logger = new Logger('CampaignDemo');
  const started = Date.now();
  return app
    .get(CampaignDemoService)
    .ensureCampaignDemo(SYSTEM_ACTOR, { anchor, customers: CAMPAIGN_DEMO_DEFAULTS.customers, baseRuns })
    .then((report) => {
      if (report) logger.log({ msg: 'campaign demo loaded', anchor, campaigns: report.campaigns.length, seconds: Math.round((Date.now() - started) / 1000) });
    })
    .catch((error: unknown) => {
      logger.error({ msg: 'campaign demo failed', error: error instanceof Error ? error.message : String(error) });
    });
}

/**
 * Demo start-up: users for every role and demo customers, each only when there are none yet; then the
 * campaigns demo on those customers, in the background.
 */
export async function runDemoBootstrap(app: INestApplicationContext, print: (text: string) => void): Promise<void> {
  const credentials = await app.get(DemoUsersService).ensureDemoUsers();
  if (credentials.length > 0) print(formatDemoCredentials(credentials));
  const anchor = new Date().toISOString().slice(0, 10);
  const customers = CAMPAIGN_DEMO_DEFAULTS.customers;
  const runs = await app.get(DemoDataService).ensureDemoData(SYSTEM_ACTOR, { anchor, customers, sales: customers * 2 });
  void startCampaignDemo(app, anchor, runs);
}

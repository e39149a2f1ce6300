import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import type { IngestionEntity, IngestionRunDto } from '@banca/contracts';
import { DATABASE, queryRows, type Database } from '@banca/db';
import { ConflictError, type Actor, type AudienceGroup } from '@banca/domain';
import { IngestionService, pseudonymise, type IngestionOutcome } from '@banca/ingestion';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { CampaignService } from '../planning/campaign.service';
import { CampaignRollupService } from '../rollups/campaign-rollup.service';
import {
  CAMPAIGN_DEMO_BASE_FILES,
  campaignDemoDataset,
  campaignDemoOutcomes,
  type CampaignDemoDataset,
  type CampaignDemoOptions,
  type DemoAudienceMember,
} from './campaign-demo.generator';

/** Where generated files go besides the database (`banca generate --out DIR`): one call per file. */
export type CampaignDemoFileSink = (fileName: string, content: Iterable<string>) => Promise<void>;

export interface CampaignDemoRunOptions {
  /** Progress lines (no customer identifiers in them). */
  progress?: (message: string) => void;
  /** Also hand every generated file to this sink. */
  sink?: CampaignDemoFileSink;
}

/** What the demo loaded: per campaign its status and audience, and the counts of the outcome files. */
export interface CampaignDemoReport {
  anchor: string;
  customers: number;
  campaigns: { code: string; status: string; treatment: number; holdout: number; excluded: number }[];
  loaded: { entity: IngestionEntity; fileName: string; rows: number }[];
  spendEntries: number;
}

/**
 * Loads the campaigns demo through the platform's own paths: partner files through ingestion runs (and
 * their follow-up jobs: tiers, compliance scan, rollups), the six campaigns through CampaignService
 * (create, launch on their launch day, advance by date, spend), audiences through the build job; outcomes
 * are generated from the audiences the platform built and loaded as partner files again.
 */
@Injectable()
export class CampaignDemoService {
  private readonly logger = new Logger(CampaignDemoService.name);

  constructor(
    private readonly ingestion: IngestionService,
    private readonly campaigns: CampaignService,
    private readonly rollups: CampaignRollupService,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `banca generate`: the whole dataset into an empty database (refused, with the reason, when it already
   * has customers or campaigns), then the campaigns and their outcomes.
   */
  async generate(actor: Actor, options: CampaignDemoOptions, run: CampaignDemoRunOptions = {}): Promise<CampaignDemoReport> {
    const counts = await this.existing();
    if (counts.customers > 0 || counts.campaigns > 0) {
      throw new ConflictError(
        `The database already holds ${counts.customers.toLocaleString('en-US')} customers and ${counts.campaigns} campaigns: ` +
          'banca generate loads a demo into an empty database only (start from a fresh one, e.g. another BANCA_DATA_DIR or DATABASE_URL)',
      );
    }
    const dataset = campaignDemoDataset(options);
    const progress = run.progress ?? (() => undefined);
    progress(`Generating ${dataset.customers.toLocaleString('en-US')} customers and ${dataset.sales.toLocaleString('en-US')} history sales (anchor ${dataset.anchor})`);
    const loaded: CampaignDemoReport['loaded'] = [];
    const queued: IngestionRunDto[] = [];
    for (const entity of CAMPAIGN_DEMO_BASE_FILES) {
      const fileName = `demo-${entity}.csv`;
      if (run.sink) await run.sink(fileName, dataset.baseFiles[entity]());
      queued.push(await this.ingestion.upload({ entity, fileName, content: Readable.from(dataset.baseFiles[entity]()), actor }));
    }
    for (const r of queued) loaded.push(await this.waitForRun(r, progress));
    return this.loadCampaigns(dataset, actor, run, loaded);
  }

  /**
   * Start-up (after DemoDataService queued the base demo): waits for those runs, then loads the campaigns
   * demo when there are no campaigns yet and the customers are the generated demo's. Returns null when it
   * did nothing (and logs why).
   */
  async ensureCampaignDemo(
    actor: Actor,
    options: CampaignDemoOptions & { baseRuns?: readonly IngestionRunDto[] },
    run: CampaignDemoRunOptions = {},
  ): Promise<CampaignDemoReport | null> {
    const progress = run.progress ?? (() => undefined);
    const loaded: CampaignDemoReport['loaded'] = [];
    for (const r of options.baseRuns ?? []) loaded.push(await this.waitForRun(r, progress));
    const counts = await this.existing();
    if (counts.campaigns > 0) {
      this.logger.log({ msg: 'campaign demo skipped: there are campaigns already', campaigns: counts.campaigns });
      return null;
    }
    const dataset = campaignDemoDataset(options);
    if (!(await this.holdsDemoCustomers(dataset, counts.customers))) {
      this.logger.log({ msg: 'campaign demo skipped: the customers are not the generated demo customers', customers: counts.customers });
      return null;
    }
    return this.loadCampaigns(dataset, actor, run, loaded);
  }

  private async loadCampaigns(
    dataset: CampaignDemoDataset,
    actor: Actor,
    run: CampaignDemoRunOptions,
    loaded: CampaignDemoReport['loaded'],
  ): Promise<CampaignDemoReport> {
    const progress = (message: string) => {
      run.progress?.(message);
      this.logger.log({ msg: `campaign demo: ${message}` });
    };
    const load = async (entity: IngestionEntity, fileName: string, content: string) => {
      // a file with no rows (e.g. no complaints at a small size) is not sent: ingestion rejects it
      if (!content.trimEnd().includes('\n')) return;
      if (run.sink) await run.sink(fileName, [content]);
      const queued = await this.ingestion.upload({ entity, fileName, content: Readable.from([content]), actor });
      loaded.push(await this.waitForRun(queued, progress));
    };

    await load('products', 'demo-campaign-products.csv', dataset.campaignProducts);
    if (run.sink) await run.sink('demo-campaigns.json', [`${JSON.stringify(dataset.campaigns.map((c) => ({ ...c.plan, launchOn: c.launchOn })), null, 2)}\n`]);
    for (const spec of dataset.campaigns) await this.campaigns.create(spec.plan, actor);
    progress(`created ${dataset.campaigns.length} campaigns`);

    const launchOrder = [...dataset.campaigns].filter((c) => c.launchOn !== null).sort((a, b) => (a.launchOn! < b.launchOn! ? -1 : a.launchOn! > b.launchOn! ? 1 : 0));
    for (const spec of launchOrder.filter((c) => !c.launchLate)) await this.launch(spec.code, spec.launchOn!, actor, progress);
    await this.campaigns.advanceStatuses(dataset.anchor);

    const audiences = await this.audiences(dataset.campaigns.filter((c) => c.outcome !== null).map((c) => c.code));
    const key = this.config.pseudonymKey;
    const outcomes = campaignDemoOutcomes(dataset, audiences, (rawId) => pseudonymise(rawId, key));
    await load('campaign_events', 'demo-campaign-events.csv', outcomes.campaignEvents);
    await load('sales', 'demo-campaign-sales.csv', outcomes.sales);
    await load('complaints', 'demo-campaign-complaints.csv', outcomes.complaints);
    await load('customers', 'demo-campaign-snapshots.csv', outcomes.customers);

    let spendEntries = 0;
    if (run.sink) await run.sink('demo-campaign-spend.json', [`${JSON.stringify(outcomes.spend, null, 2)}\n`]);
    for (const { code, entries } of outcomes.spend) {
      for (const entry of entries) {
        await this.campaigns.recordSpend(code, entry, actor);
        spendEntries += 1;
      }
    }
    progress(`recorded ${spendEntries} spend entries`);

    for (const spec of launchOrder.filter((c) => c.launchLate)) await this.launch(spec.code, spec.launchOn!, actor, progress);
    await this.campaigns.advanceStatuses(dataset.anchor);
    await this.rollups.refresh('all', 'on-demand', { today: dataset.anchor });

    const campaigns: CampaignDemoReport['campaigns'] = [];
    for (const spec of dataset.campaigns) {
      const c = await this.campaigns.get(spec.code);
      const excluded = Object.values(c.audience.excluded).reduce((a, b) => a + b, 0);
      campaigns.push({ code: c.code, status: c.status, treatment: c.audience.treatment, holdout: c.audience.holdout, excluded });
    }
    progress(`done: ${campaigns.map((c) => `${c.code} ${c.status}`).join(', ')}`);
    return { anchor: dataset.anchor, customers: dataset.customers, campaigns, loaded, spendEntries };
  }

  /** Launches on its launch day and waits for the audience build (and the rollup refresh it queues). */
  private async launch(code: string, today: string, actor: Actor, progress: (message: string) => void): Promise<void> {
    const { jobId } = await this.campaigns.launch(code, actor, today);
    const job = await this.jobs.waitFor(jobId);
    if (job.state !== 'completed') throw new Error(`the audience of ${code} was not built: ${job.error ?? 'no reason recorded'}`);
    const refreshJobId = (job.result as { refreshJobId?: string } | undefined)?.refreshJobId;
    if (refreshJobId) await this.jobs.waitFor(refreshJobId);
    const built = (await this.campaigns.get(code)).audience;
    progress(`launched ${code} on ${today}: ${built.treatment} treatment, ${built.holdout} holdout`);
  }

  /** Waits for a run's job and its follow-up jobs (tiers, compliance scan, rollups); throws if the run failed. */
  private async waitForRun(queued: IngestionRunDto, progress: (message: string) => void): Promise<CampaignDemoReport['loaded'][number]> {
    if (!queued.jobId) throw new Error(`ingestion run ${queued.id} has no job`);
    const job = await this.jobs.waitFor(queued.jobId);
    if (job.state === 'completed') {
      for (const id of (job.result as IngestionOutcome).followUpJobIds) await this.jobs.waitFor(id);
    }
    const done = await this.ingestion.getRun(queued.id);
    if (done.status !== 'completed') throw new Error(`loading ${done.fileName} failed: ${done.error ?? job.error ?? 'no reason recorded'}`);
    if (done.counts.rejected > 0) this.logger.warn({ msg: 'campaign demo: rows rejected', fileName: done.fileName, rejected: done.counts.rejected });
    progress(`loaded ${done.fileName}: ${done.counts.read.toLocaleString('en-US')} rows`);
    return { entity: done.entity, fileName: done.fileName, rows: done.counts.read };
  }

  private async existing(): Promise<{ customers: number; campaigns: number }> {
    const [row] = await queryRows<{ customers: number; campaigns: number }>(
      this.db,
      sql`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM campaigns)::int AS campaigns`,
    );
    return { customers: Number(row?.customers ?? 0), campaigns: Number(row?.campaigns ?? 0) };
  }

  /** Whether the customers are exactly the generated ones (the outcomes name them by their raw ids). */
  private async holdsDemoCustomers(dataset: CampaignDemoDataset, customers: number): Promise<boolean> {
    if (customers !== dataset.customers) return false;
    const step = Math.max(1, Math.floor(dataset.people.length / 25));
    const sample = dataset.people.filter((_, i) => i % step === 0).map((p) => pseudonymise(p.profile.rawId, this.config.pseudonymKey));
    const [row] = await queryRows<{ n: number }>(
      this.db,
      sql`SELECT count(*)::int AS n FROM customers WHERE customer_id IN (${sql.join(sample.map((id) => sql`${id}`), sql`, `)})`,
    );
    return Number(row?.n ?? 0) === sample.length;
  }

  private async audiences(codes: readonly string[]): Promise<Map<string, DemoAudienceMember[]>> {
    const result = new Map<string, DemoAudienceMember[]>(codes.map((code) => [code, []]));
    if (codes.length === 0) return result;
    const rows = await queryRows<{ customer_id: string; campaign_code: string; group: AudienceGroup }>(
      this.db,
      sql`SELECT customer_id, campaign_code, "group" FROM audience_members
          WHERE campaign_code IN (${sql.join(codes.map((code) => sql`${code}`), sql`, `)}) AND "group" IN ('treatment', 'holdout')
          ORDER BY campaign_code, customer_id`,
    );
    for (const r of rows) result.get(r.campaign_code)?.push({ customerId: r.customer_id, group: r.group });
    return result;
  }
}

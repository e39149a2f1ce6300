import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import { type Actor } from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { CampaignRollupRepository, type RollupEntity } from './campaign-rollup.repository';

type RefreshPayload = JobPayloads[JobName.RefreshCampaignRollups];

/** Why a rollup was refreshed (stored in campaign_rollup_state.reason). */
export type RollupRefreshReason = RefreshPayload['reason'];

/** What a refresh did: campaigns rebuilt, how long it took in all, and their audience members. */
export interface RefreshOutcome {
  campaigns: number;
  durationMs: number;
  members: number;
}

export interface RefreshOptions {
  /** The as-of date (YYYY-MM-DD) of persistency, AUM and penetration after; today (UTC) by default. */
  today?: string;
  /** Called after each campaign (job progress). */
  onCampaignDone?: (done: number, total: number) => Promise<void>;
}

const ROLLUP_ENTITIES: readonly RollupEntity[] = ['customers', 'products', 'sales', 'complaints', 'campaign_events', 'campaigns'];
const isRollupEntity = (value: string | null | undefined): value is RollupEntity =>
  ROLLUP_ENTITIES.some((entity) => entity === value);

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The campaign figures rollup: dashboards read only its tables. Refreshed by the RefreshCampaignRollups
 * job after loads, audience builds, outcomes and spend, and on demand; each campaign is rebuilt whole in
 * one transaction, so a reader sees the old figures or the new ones.
 */
@Injectable()
export class CampaignRollupService {
  private readonly logger = new Logger(CampaignRollupService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly rollups: CampaignRollupRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The RefreshCampaignRollups job: the payload's campaigns; after an ingestion run only the campaigns the
   * run can have changed (`CampaignRollupRepository.campaignsTouchedByRun`); otherwise every campaign.
   */
  @OnJob(JobName.RefreshCampaignRollups)
  async refreshJob(payload: RefreshPayload, context: JobContext): Promise<RefreshOutcome & { campaignCodes: string[] }> {
    const codes = await this.campaignsToRefresh(payload);
    const outcome = await this.refresh(codes, payload.reason, {
      onCampaignDone: async (done, total) => context.reportProgress({ done, total, percent: Math.floor((100 * done) / total) }),
    });
    return { ...outcome, campaignCodes: codes };
  }

  /**
   * Rebuilds the rollup of these campaigns (or all), one campaign per transaction. Unknown codes are
   * skipped; a campaign deleted since loses its rollup.
   */
  async refresh(codes: readonly string[] | 'all', reason: RollupRefreshReason, options: RefreshOptions = {}): Promise<RefreshOutcome> {
    const started = Date.now();
    const today = options.today ?? todayUtc();
    const list = codes === 'all' ? await this.rollups.allCampaignCodes() : [...new Set(codes)].sort();
    let campaigns = 0;
    let members = 0;
    for (const [i, campaignCode] of list.entries()) {
      const rebuilt = await this.rollups.rebuild({ campaignCode, reason, today, startedAt: Date.now() });
      if (rebuilt) {
        campaigns += 1;
        members += rebuilt.members;
      }
      await options.onCampaignDone?.(i + 1, list.length);
    }
    const durationMs = Date.now() - started;
    this.logger.log({ msg: 'campaign rollups refreshed', reason, campaigns, members, durationMs });
    return { campaigns, durationMs, members };
  }

  /** A refresh someone asked for (all campaigns, or the listed ones that exist): enqueued and audited. */
  async requestRefresh(campaignCodes: readonly string[] | undefined, actor: Actor): Promise<{ jobId: string }> {
    const payload: RefreshPayload = { reason: 'on-demand', ...(campaignCodes ? { campaignCodes: [...campaignCodes] } : {}) };
    const jobId = await this.queue.enqueue(JobName.RefreshCampaignRollups, payload);
    await this.audit.record({
      actor,
      action: 'campaign-rollups.refresh',
      entityType: 'campaign-rollups',
      entityId: null,
      after: { jobId, campaignCodes: campaignCodes ?? 'all' },
    });
    return { jobId };
  }

  private async campaignsToRefresh(payload: RefreshPayload): Promise<string[]> {
    if (payload.campaignCodes) return [...new Set(payload.campaignCodes)].sort();
    if (payload.reason === 'ingestion' && payload.runId !== undefined) {
      const entity = payload.entity ?? (await this.rollups.runEntity(payload.runId));
      const touched = isRollupEntity(entity) ? await this.rollups.campaignsTouchedByRun(payload.runId, entity) : null;
      if (touched) return touched;
    }
    return this.rollups.allCampaignCodes();
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { AuditService } from '@banca/audit';
import { ComplianceRuleSetService } from '@banca/compliance';
import {
  campaignTargetSchema,
  contactPolicySchema,
  type AudienceMemberDto,
  type AudienceMembersQuery,
  type AudienceMembersResponse,
} from '@banca/contracts';
import type { AudienceCounts } from '@banca/db';
import { ConflictError, DEFAULT_CONTACT_POLICY, NotFoundError, SYSTEM_ACTOR, type ContactPolicy } from '@banca/domain';
import { tableExport, type ExportColumn, type ExportFormat, type TableExport } from '@banca/exports';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { compileSegmentRule, SegmentService, type SegmentSqlScope } from '@banca/segmentation';
import { AudienceRepository, type AudienceCampaignRow, type AudienceMemberFilter, type AudienceMemberRow } from './audience.repository';

/** What a build did: the decision date, the rule version it was decided under, and the counts. */
export interface AudienceBuildOutcome extends AudienceCounts {
  campaignCode: string;
  decidedOn: string;
  ruleVersion: number;
  refreshJobId: string;
}

export interface AudienceBuildOptions {
  /** The decision date (YYYY-MM-DD): consent, contacts and the rule version as known then. */
  decidedOn?: string;
}

const EXPORT_PAGE_SIZE = 5_000;

const customerRef = (customerId: string): string => customerId.slice(0, 12);
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The drill-down columns of an export: the customer as a 12-character reference only. */
export const AUDIENCE_MEMBER_EXPORT_COLUMNS: readonly ExportColumn<AudienceMemberRow>[] = [
  { name: 'customer_ref', type: 'text', value: (r) => customerRef(r.customerId) },
  { name: 'group', type: 'text', value: (r) => r.group },
  { name: 'exclusion_reason', type: 'text', value: (r) => r.exclusionReason },
  { name: 'exclusion_detail', type: 'text', value: (r) => (r.exclusionDetail === null ? null : JSON.stringify(r.exclusionDetail)) },
  { name: 'tier', type: 'text', value: (r) => r.tier },
  { name: 'branch_code', type: 'text', value: (r) => r.branchCode },
  { name: 'region', type: 'text', value: (r) => r.region },
  { name: 'converted', type: 'bool', value: (r) => r.firstConvertedOn !== null },
  { name: 'first_converted_on', type: 'text', value: (r) => r.firstConvertedOn },
];

/**
 * A launched campaign's audience: targeted customers ∩ consent ∩ contact policy ∩ suitable for every
 * offered product, split into treatment and holdout by a hash of (campaign, customer); and the
 * (pseudonymised) customers behind its figures.
 */
@Injectable()
export class CampaignAudienceService {
  private readonly logger = new Logger(CampaignAudienceService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
    private readonly audiences: AudienceRepository,
    private readonly segments: SegmentService,
    private readonly ruleSets: ComplianceRuleSetService,
    private readonly audit: AuditService,
  ) {}

  /** The BuildCampaignAudience job. */
  @OnJob(JobName.BuildCampaignAudience)
  async buildJob(payload: JobPayloads[JobName.BuildCampaignAudience], context: JobContext): Promise<AudienceBuildOutcome> {
    await context.reportProgress({ campaignCode: payload.campaignCode, percent: 5 });
    const outcome = await this.build(payload.campaignCode);
    await context.reportProgress({ campaignCode: payload.campaignCode, percent: 100 });
    return outcome;
  }

  /**
   * Rebuilds the audience in one transaction (set-based: one INSERT … SELECT), records the counts on the
   * campaign, audits them, and queues the campaign's rollup refresh. The decision date is the launch day
   * the launch recorded (audience_decided_on while building), else today (UTC). A failure leaves the
   * campaign's audience 'failed' with the reason, and is rethrown.
   */
  async build(code: string, options: AudienceBuildOptions = {}): Promise<AudienceBuildOutcome> {
    const campaign = await this.audiences.campaign(code);
    if (!campaign) throw new NotFoundError(`No campaign ${code}`);
    let counts: AudienceCounts;
    let decidedOn: string;
    let ruleVersion: number;
    try {
      if (campaign.origin !== 'platform') throw new ConflictError(`Campaign ${code} is imported: its audience is the customers with its events`);
      decidedOn = options.decidedOn ?? (campaign.audienceStatus === 'building' ? campaign.audienceDecidedOn : null) ?? todayUtc();
      const plan = await this.planOf(campaign, decidedOn);
      const inForce = await this.ruleSets.inForceOn(decidedOn);
      ruleVersion = inForce.version;
      counts = await this.audiences.build(
        {
          campaignCode: code,
          decidedOn,
          target: plan.target,
          productCodes: campaign.productCodes,
          holdoutShare: campaign.holdoutShare,
          contactPolicy: plan.contactPolicy,
          endDate: campaign.endDate,
          ruleVersion,
          settings: inForce.settings,
        },
        (tx, built) =>
          this.audit
            .record(
              {
                actor: SYSTEM_ACTOR,
                action: 'campaign.audience.build',
                entityType: 'campaign',
                entityId: code,
                after: { ...built, decidedOn, ruleVersion, holdoutShare: campaign.holdoutShare },
              },
              tx,
            )
            .then(() => undefined),
      );
    } catch (error) {
      const message = `Audience build failed: ${error instanceof Error ? error.message : String(error)}`;
      await this.audiences.markFailed(code, message);
      this.logger.warn({ msg: 'campaign audience build failed', campaignCode: code, error: message });
      throw error;
    }
    const refreshJobId = await this.jobs.enqueue(JobName.RefreshCampaignRollups, { reason: 'audience', campaignCodes: [code] });
    this.logger.log({ msg: 'campaign audience built', campaignCode: code, decidedOn, ruleVersion, ...counts });
    return { campaignCode: code, decidedOn, ruleVersion, refreshJobId, ...counts };
  }

  /** GET /campaigns/:code/audience/members: a page of the customers behind a figure, by pseudonymous reference. */
  async members(code: string, query: AudienceMembersQuery): Promise<AudienceMembersResponse> {
    const campaign = await this.require(code);
    const filter = filterOf(query);
    const [total, rows] = await Promise.all([
      this.audiences.countMembers(code, campaign.origin, filter),
      this.audiences.members(code, campaign.origin, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    ]);
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(toMemberDto) };
  }

  /** Every member under the same filters as CSV (formula-safe) or Arrow IPC, read page by page. */
  async exportMembers(code: string, query: Omit<AudienceMembersQuery, 'page' | 'pageSize' | 'format'>, format: ExportFormat): Promise<TableExport> {
    const campaign = await this.require(code);
    const filter = filterOf(query);
    const audiences = this.audiences;
    async function* pages(): AsyncGenerator<AudienceMemberRow[]> {
      let after: string | undefined;
      for (;;) {
        const page = await audiences.members(code, campaign.origin, filter, { limit: EXPORT_PAGE_SIZE, after });
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE_SIZE) return;
        after = page[page.length - 1]!.customerId;
      }
    }
    return tableExport(`campaign-${code}-audience`, format, AUDIENCE_MEMBER_EXPORT_COLUMNS, pages());
  }

  private async require(code: string): Promise<AudienceCampaignRow> {
    const campaign = await this.audiences.campaign(code);
    if (!campaign) throw new NotFoundError(`No campaign ${code}`);
    return campaign;
  }

  /** The stored target as one condition over customers c and customer_tiers t (ages on the decision date), and the policy. */
  private async planOf(campaign: AudienceCampaignRow, decidedOn: string): Promise<{ target: SQL; contactPolicy: ContactPolicy }> {
    const target = campaignTargetSchema.safeParse(campaign.target ?? {});
    if (!target.success) throw new ConflictError(`Campaign ${campaign.code} has a target that is no longer valid: ${target.error.issues[0]?.message ?? ''}`);
    const policy = campaign.contactPolicy === null ? { success: true as const, data: DEFAULT_CONTACT_POLICY } : contactPolicySchema.safeParse(campaign.contactPolicy);
    if (!policy.success) throw new ConflictError(`Campaign ${campaign.code} has a contact policy that is no longer valid`);
    if (campaign.productCodes.length === 0) throw new ConflictError(`Campaign ${campaign.code} offers no product`);
    const unknown = await this.audiences.unknownProducts(campaign.productCodes);
    if (unknown.length > 0) throw new ConflictError(`Campaign ${campaign.code} offers unknown products: ${unknown.join(', ')}`);

    const scope: SegmentSqlScope = { customer: 'c', tier: 't', today: sql`${decidedOn}::date` };
    const { tiers, segmentIds, filter } = target.data;
    const conditions: SQL[] = [];
    if (tiers.length > 0) conditions.push(sql`t.tier IN (${sql.join(tiers.map((tier) => sql`${tier}`), sql`, `)})`);
    if (segmentIds.length > 0) conditions.push(await this.segments.segmentsWhereSql(segmentIds, scope));
    if (filter !== null) conditions.push(compileSegmentRule(filter, scope));
    if (conditions.length === 0) throw new ConflictError(`Campaign ${campaign.code} has no target (tiers, segments or a filter)`);
    return { target: sql.join(conditions, sql` AND `), contactPolicy: policy.data };
  }
}

function filterOf(query: Omit<AudienceMembersQuery, 'page' | 'pageSize' | 'format'>): AudienceMemberFilter {
  return { group: query.group, reason: query.reason, tier: query.tier, branch: query.branch, region: query.region, converted: query.converted };
}

function toMemberDto(r: AudienceMemberRow): AudienceMemberDto {
  return {
    customerRef: customerRef(r.customerId),
    group: r.group,
    exclusionReason: r.exclusionReason,
    exclusionDetail: r.exclusionDetail,
    tier: r.tier,
    branchCode: r.branchCode,
    region: r.region,
    converted: r.firstConvertedOn !== null,
    firstConvertedOn: r.firstConvertedOn,
  };
}

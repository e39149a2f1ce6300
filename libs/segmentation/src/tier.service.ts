import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import type {
  CreateTierRuleSetRequest,
  CreateTierRuleSetResponse,
  EnqueuedJobResponse,
  TierCountsQuery,
  TierCountsResponse,
  TierRuleSetDto,
  TierRuleSetListDto,
} from '@banca/contracts';
import {
  ConflictError,
  DEFAULT_TIER_THRESHOLDS,
  tierRuleVersionOn,
  TIERS,
  type Actor,
  type TierRuleVersion,
  type TierThresholds,
} from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { TierRuleRepository, type TierRuleSetRow } from './tier-rule.repository';
import { TierRepository, type RetierCounts } from './tier.repository';

export type TierRuleSet = TierRuleVersion;
export type RetierOutcome = RetierCounts;

// The defaults have always applied: a version an administrator back-dates must still take over from them.
const DEFAULTS_EFFECTIVE_FROM = '1970-01-01';

@Injectable()
export class TierService {
  private readonly logger = new Logger(TierService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly rules: TierRuleRepository,
    private readonly tiers: TierRepository,
    private readonly audit: AuditService,
  ) {}

  /** The rule set in force today; the PRODUCT.md defaults become version 1 when there is none at all. */
  async ruleSetInForce(): Promise<TierRuleSet> {
    await this.allVersions();
    const row = await this.rules.findInForce();
    if (!row) throw new ConflictError('No tier rule set exists');
    return toRuleSet(row);
  }

  /** Every rule version, newest first, marking the one in force today. */
  async listRuleSets(): Promise<TierRuleSetListDto> {
    const { rows, today } = await this.allVersions();
    const inForce = tierRuleVersionOn(rows, today);
    return { versions: rows.map((r) => toRuleSetDto(r, r.version === inForce?.version)), inForceVersion: inForce?.version ?? null };
  }

  /**
   * Adds a rule version (validated by the contract: ordered, positive thresholds) and re-tiers, so current
   * tiers and the history of snapshots on or after its date follow it.
   */
  async createRuleSet(request: CreateTierRuleSetRequest, actor: Actor): Promise<CreateTierRuleSetResponse> {
    await this.allVersions();
    const row = await this.rules.insert({
      thresholds: { ...request.thresholds },
      effectiveFrom: request.effectiveFrom,
      note: request.note ?? null,
      createdBy: actor.userId,
    });
    const { rows, today } = await this.rules.listAll();
    const ruleSet = toRuleSetDto(row, tierRuleVersionOn(rows, today)?.version === row.version);
    await this.audit.record({ actor, action: 'tier-rule-set.create', entityType: 'tier-rule-set', entityId: String(row.version), after: ruleSet });
    const retierJobId = await this.queue.enqueue(JobName.RetierCustomers, { reason: 'rules-changed' });
    return { ruleSet, retierJobId };
  }

  /**
   * Re-tiers every customer with the version in force today and every snapshot with the version in force
   * on its as_of. Idempotent: it recomputes from the canonical tables, so a retry or a second run gives the
   * same tiers.
   */
  @OnJob(JobName.RetierCustomers)
  async retier(payload: JobPayloads[JobName.RetierCustomers], context: JobContext): Promise<RetierOutcome> {
    const { rows } = await this.allVersions();
    const counts = await this.tiers.retier({ versions: rows.map(toRuleSet) });
    await context.reportProgress(100);
    this.logger.log({ msg: 'customers re-tiered', reason: payload.reason, runId: payload.runId, ...counts });
    return counts;
  }

  /** Enqueues a re-tier (CLI, settings change); returns the job id. */
  async requestRetier(reason: JobPayloads[JobName.RetierCustomers]['reason']): Promise<string> {
    return this.queue.enqueue(JobName.RetierCustomers, { reason });
  }

  /** A re-tier someone asked for (POST /segments/retier): enqueued and audited. */
  async requestRetierBy(actor: Actor): Promise<EnqueuedJobResponse> {
    const jobId = await this.requestRetier('on-demand');
    await this.audit.record({ actor, action: 'tiers.retier', entityType: 'customer-tiers', entityId: null, after: { jobId } });
    return { jobId };
  }

  /** Customers per tier (all three, zero when none) for the filters, with the computation they come from. */
  async tierCounts(query: TierCountsQuery): Promise<TierCountsResponse> {
    const [rows, computation, regions] = await Promise.all([
      this.tiers.countByTier({ region: query.region, branchCode: query.branchCode }),
      this.tiers.lastComputation(),
      this.tiers.regions(),
    ]);
    const byTier = new Map(rows.map((r) => [r.tier, r.customers]));
    const tiers = TIERS.map((tier) => ({ tier, customers: byTier.get(tier) ?? 0 }));
    return {
      tiers,
      total: tiers.reduce((sum, t) => sum + t.customers, 0),
      ruleVersion: computation?.ruleVersion ?? null,
      computedAt: computation?.computedAt.toISOString() ?? null,
      regions,
    };
  }

  /** Every version with the database's today; the PRODUCT.md defaults become version 1 when there is none. */
  private async allVersions(): Promise<{ rows: TierRuleSetRow[]; today: string }> {
    const listed = await this.rules.listAll();
    if (listed.rows.length > 0) return listed;
    await this.rules.seedIfEmpty({ thresholds: { ...DEFAULT_TIER_THRESHOLDS }, effectiveFrom: DEFAULTS_EFFECTIVE_FROM, note: 'PRODUCT.md defaults' });
    return this.rules.listAll();
  }
}

function toRuleSet(row: TierRuleSetRow): TierRuleSet {
  const read = (key: keyof TierThresholds): number => {
    const value = row.thresholds[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ConflictError(`Tier rule set version ${row.version} has no valid "${key}" threshold`);
    }
    return value;
  };
  return {
    version: row.version,
    thresholds: {
      hnwInvestableAssets: read('hnwInvestableAssets'),
      middleHouseholdIncome: read('middleHouseholdIncome'),
      middleInvestableAssets: read('middleInvestableAssets'),
    },
    effectiveFrom: row.effectiveFrom,
  };
}

function toRuleSetDto(row: TierRuleSetRow, inForce: boolean): TierRuleSetDto {
  const { thresholds } = toRuleSet(row);
  return {
    version: row.version,
    thresholds,
    effectiveFrom: row.effectiveFrom,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    inForce,
  };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TierCountsQuery, TierCountsResponse } from '@banca/contracts';
import { ConflictError, DEFAULT_TIER_THRESHOLDS, TIERS, type TierThresholds } from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { TierRuleRepository, type TierRuleSetRow } from './tier-rule.repository';
import { TierRepository, type RetierCounts } from './tier.repository';

export interface TierRuleSet {
  version: number;
  thresholds: TierThresholds;
  effectiveFrom: string;
}

export interface RetierOutcome extends RetierCounts {
  ruleVersion: number;
}

@Injectable()
export class TierService {
  private readonly logger = new Logger(TierService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly rules: TierRuleRepository,
    private readonly tiers: TierRepository,
  ) {}

  /** The rule set in force today; the PRODUCT.md defaults become version 1 when there is none at all. */
  async ruleSetInForce(): Promise<TierRuleSet> {
    let row = await this.rules.findInForce();
    if (!row) {
      await this.rules.seedIfEmpty({ thresholds: { ...DEFAULT_TIER_THRESHOLDS }, note: 'PRODUCT.md defaults' });
      row = await this.rules.findInForce();
    }
    if (!row) throw new ConflictError('No tier rule set is in force today: every rule set takes effect later');
    return toRuleSet(row);
  }

  /**
   * Re-tiers every customer and every snapshot with the rule set in force. Idempotent: it recomputes from
   * the canonical tables, so a retry or a second run gives the same tiers.
   */
  @OnJob(JobName.RetierCustomers)
  async retier(payload: JobPayloads[JobName.RetierCustomers], context: JobContext): Promise<RetierOutcome> {
    const ruleSet = await this.ruleSetInForce();
    const counts = await this.tiers.retier({ ruleVersion: ruleSet.version, thresholds: ruleSet.thresholds });
    await context.reportProgress(100);
    this.logger.log({ msg: 'customers re-tiered', reason: payload.reason, runId: payload.runId, ruleVersion: ruleSet.version, ...counts });
    return { ruleVersion: ruleSet.version, ...counts };
  }

  /** Enqueues a re-tier (CLI, settings change); returns the job id. */
  async requestRetier(reason: JobPayloads[JobName.RetierCustomers]['reason']): Promise<string> {
    return this.queue.enqueue(JobName.RetierCustomers, { reason });
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

import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import {
  campaignPatchSchema,
  campaignPlanSchema,
  cancelCampaignSchema,
  parseInput,
  recordSpendSchema,
  type CampaignDto,
  type CampaignPatchRequest,
  type CampaignPlanRequest,
  type LaunchCampaignResponse,
  type RecordSpendRequest,
  type SpendListDto,
} from '@banca/contracts';
import type { Database, Transaction } from '@banca/db';
import {
  audienceLockedChanges,
  campaignLaunchProblems,
  campaignPlanProblems,
  campaignProblemsError,
  ConflictError,
  nextCampaignStatus,
  NotFoundError,
  SYSTEM_ACTOR,
  ValidationError,
  type Actor,
  type CampaignPlan,
  type CampaignStatus,
  type FieldProblem,
} from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, QueueName, toJobId, type JobPayloads, type JobQueue } from '@banca/queue';
import { originOfRow, planColumns, planOfRow, statusOfRow, toCampaignDto, type CampaignRow } from './campaign.mapper';
import { CampaignRepository } from './campaign.repository';

/** The line of spend that offer redemptions add: redeemed customers × the offer's cost per redemption. */
export const REDEMPTIONS_SPEND_LINE = 'redemptions';

/** What the daily status advance did. */
export interface AdvanceStatusesOutcome {
  today: string;
  changed: { code: string; from: CampaignStatus; to: CampaignStatus }[];
  /** The rollup refresh queued for the campaigns that moved; null when none did. */
  refreshJobId: string | null;
}

const todayUtc = (): string => new Date().toISOString().slice(0, 10);
const cents = (amount: number): number => Math.round(amount * 100) / 100;
/** Statuses whose plan can still be launched (again), so the campaign shows what stands in the way. */
const LAUNCHABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];
/** Statuses whose rollup exists (a launch happened), so a status change is worth a refresh. */
const LAUNCHED: readonly CampaignStatus[] = ['scheduled', 'running', 'completed'];

/**
 * PATCH input: the change as given. The patch schema is the plan's with every field optional, but zod
 * still fills the plan's defaults for absent fields; only the fields the caller sent are a change.
 */
export function parseCampaignPatch(input: unknown): CampaignPatchRequest {
  const parsed = parseInput(campaignPatchSchema, input ?? {}, 'campaign change');
  const given = new Set(input !== null && typeof input === 'object' ? Object.keys(input) : []);
  return Object.fromEntries(Object.entries(parsed).filter(([field, value]) => given.has(field) && value !== undefined)) as CampaignPatchRequest;
}

/** Plain JSON equality of two plan values (order of object keys ignored). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([x], [y]) => (x < y ? -1 : 1))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function pick(plan: CampaignPlan, fields: readonly (keyof CampaignPlan)[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, plan[field]]));
}

/** A BullMQ-safe job id part from a campaign code (letters, digits, `_`, `.`, `-`). */
const jobIdPart = (code: string): string => code.replace(/[^A-Za-z0-9_.-]/g, '_');

/**
 * Campaigns planned in the platform (DATA.md "Campaigns"): drafts, edits within what the lifecycle allows,
 * the launch that builds the audience as a job, cancel and manual completion, the daily advance by date,
 * and spend against the budget. Every change is audited in the transaction that makes it.
 */
@Injectable()
export class CampaignService {
  private readonly logger = new Logger(CampaignService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
    private readonly campaigns: CampaignRepository,
    private readonly audit: AuditService,
  ) {}

  /** A new draft. The code must be free and not a reserved path; the plan's cross-field rules must hold. */
  async create(input: CampaignPlanRequest, actor: Actor): Promise<CampaignDto> {
    const plan = parseInput(campaignPlanSchema, input, 'campaign plan');
    const problems = campaignPlanProblems(plan);
    if (problems.length > 0) throw campaignProblemsError(problems);
    const row = await this.campaigns.transaction(async (tx) => {
      const created = await this.campaigns.insert(tx, {
        campaignCode: plan.code,
        origin: 'platform',
        status: 'draft',
        ...planColumns(plan),
        createdBy: actor.userId,
      });
      if (!created) {
        throw new ConflictError(`The campaign code ${plan.code} is taken: choose another code`, { field: 'code' });
      }
      await this.audit.record({ actor, action: 'campaign.create', entityType: 'campaign', entityId: plan.code, after: { ...plan } }, tx);
      return created;
    });
    return this.toDto(row);
  }

  /** The campaign with its audience summary, window end and what stands between it and a launch. */
  async get(code: string): Promise<CampaignDto> {
    return this.toDto(await this.require(code));
  }

  /**
   * Changes plan fields. A draft changes freely; once launched (scheduled, running) the fields the audience
   * was built from are locked (ValidationError naming each); completed and cancelled campaigns, and
   * imported ones, are read-only.
   */
  async update(code: string, input: CampaignPatchRequest, actor: Actor): Promise<CampaignDto> {
    const patch = parseCampaignPatch(input);
    const row = await this.campaigns.transaction(async (tx) => {
      const current = await this.lockPlatform(tx, code, 'changed');
      const status = statusOfRow(current);
      if (status === 'completed' || status === 'cancelled') {
        throw new ConflictError(`Campaign ${code} is ${status}: its plan is read-only`, { status });
      }
      const plan = planOfRow(current);
      if (status !== 'draft') {
        const locked = audienceLockedChanges(plan, patch);
        if (locked.length > 0) throw campaignProblemsError(locked);
      }
      const next: CampaignPlan = { ...plan, ...patch };
      const problems = campaignPlanProblems(next);
      if (problems.length > 0) throw campaignProblemsError(problems);
      const changed = (Object.keys(patch) as (keyof CampaignPlan)[]).filter((field) => !sameJson(plan[field], next[field]));
      if (changed.length === 0) return current;
      const updated = await this.campaigns.update(tx, code, planColumns(next));
      await this.audit.record(
        { actor, action: 'campaign.update', entityType: 'campaign', entityId: code, before: pick(plan, changed), after: pick(next, changed) },
        tx,
      );
      return updated;
    });
    return this.toDto(row);
  }

  /**
   * Launches a draft (or launches a scheduled campaign again before its start: the audience is rebuilt,
   * the hash split gives the same arms). Checks the plan (campaignLaunchProblems) and that its products and
   * saved segments exist, sets the status by date, marks the audience building on the launch day as the
   * decision date, and queues BuildCampaignAudience. `today` (UTC date) is injectable for tests.
   */
  async launch(code: string, actor: Actor, today: string = todayUtc()): Promise<LaunchCampaignResponse> {
    const localJobId = `audience-${jobIdPart(code)}-${Date.now().toString(36)}`;
    const jobId = toJobId(QueueName.Campaigns, localJobId);
    const { row, relaunch } = await this.campaigns.transaction(async (tx) => {
      const current = await this.lockPlatform(tx, code, 'launched');
      const status = statusOfRow(current);
      const plan = planOfRow(current);
      const next = nextCampaignStatus(status, 'launch', today, plan);
      const missing = await this.referenceProblems(plan, tx);
      if (missing.length > 0) throw campaignProblemsError(missing);
      const updated = await this.campaigns.update(tx, code, {
        status: next,
        launchedAt: new Date(),
        audienceStatus: 'building',
        audienceJobId: jobId,
        audienceDecidedOn: today,
        audienceError: null,
      });
      await this.audit.record(
        {
          actor,
          action: 'campaign.launch',
          entityType: 'campaign',
          entityId: code,
          before: { status, audienceStatus: current.audienceStatus },
          after: { status: next, audienceStatus: 'building', decidedOn: today, jobId, relaunch: status === 'scheduled' },
        },
        tx,
      );
      return { row: updated, relaunch: status === 'scheduled' };
    });

    let queued: string;
    try {
      queued = await this.jobs.enqueue(JobName.BuildCampaignAudience, { campaignCode: code, reason: relaunch ? 'relaunch' : 'launch' }, { jobId: localJobId });
    } catch (error) {
      const message = `Audience build could not be queued: ${error instanceof Error ? error.message : String(error)}`;
      await this.campaigns.transaction((tx) => this.campaigns.update(tx, code, { audienceStatus: 'failed', audienceError: message }));
      throw error;
    }
    let launched = row;
    if (queued !== jobId) {
      launched = await this.campaigns.transaction((tx) => this.campaigns.update(tx, code, { audienceJobId: queued }));
    }
    this.logger.log({ msg: 'campaign launched', campaignCode: code, status: launched.status, decidedOn: today, jobId: queued, relaunch });
    return { campaign: await this.toDto(launched), jobId: queued };
  }

  /** Cancels a campaign that is not over, with the reason; its audience is kept (figures stay readable). */
  async cancel(code: string, reason: string, actor: Actor, today: string = todayUtc()): Promise<CampaignDto> {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new ValidationError('say why the campaign is cancelled, in a few words', { field: 'reason' });
    }
    const { reason: why } = parseInput(cancelCampaignSchema, { reason }, 'cancellation');
    return this.transition(code, actor, today, 'cancel', { cancelledAt: new Date(), cancelReason: why }, { reason: why });
  }

  /** Ends a running campaign by hand (before its window is over). */
  async complete(code: string, actor: Actor, today: string = todayUtc()): Promise<CampaignDto> {
    return this.transition(code, actor, today, 'complete', { completedAt: new Date() }, {});
  }

  /** The AdvanceCampaignStatuses job (daily, and on demand). */
  @OnJob(JobName.AdvanceCampaignStatuses)
  async advanceJob(payload: JobPayloads[JobName.AdvanceCampaignStatuses]): Promise<AdvanceStatusesOutcome> {
    return this.advanceStatuses(payload.today);
  }

  /**
   * Moves campaigns along by date (`nextCampaignStatus(…, 'advance')`): scheduled → running on the start
   * date, running (or scheduled) → completed after the window end; never backwards. Each move is audited as
   * the platform's; the moved campaigns' rollups are refreshed.
   */
  async advanceStatuses(today: string = todayUtc()): Promise<AdvanceStatusesOutcome> {
    const changed: AdvanceStatusesOutcome['changed'] = [];
    for (const candidate of await this.campaigns.advanceCandidates(today)) {
      const from = statusOfRow(candidate);
      const to = nextCampaignStatus(from, 'advance', today, planOfRow(candidate));
      if (to === from) continue;
      const moved = await this.campaigns.transaction(async (tx) => {
        const row = await this.campaigns.moveStatus(tx, candidate.campaignCode, from, {
          status: to,
          ...(to === 'completed' ? { completedAt: new Date() } : {}),
        });
        if (!row) return false;
        await this.audit.record(
          { actor: SYSTEM_ACTOR, action: 'campaign.advance', entityType: 'campaign', entityId: candidate.campaignCode, before: { status: from }, after: { status: to, today } },
          tx,
        );
        return true;
      });
      if (moved) changed.push({ code: candidate.campaignCode, from, to });
    }
    const refreshJobId =
      changed.length > 0 ? await this.jobs.enqueue(JobName.RefreshCampaignRollups, { reason: 'status', campaignCodes: changed.map((c) => c.code) }) : null;
    if (changed.length > 0) this.logger.log({ msg: 'campaign statuses advanced', today, changed, refreshJobId });
    return { today, changed, refreshJobId };
  }

  /** Records money spent on a budget line (audited), then refreshes the campaign's figures; answers the spend list. */
  async recordSpend(code: string, input: RecordSpendRequest, actor: Actor): Promise<SpendListDto> {
    const entry = parseInput(recordSpendSchema, input, 'spend');
    await this.campaigns.transaction(async (tx) => {
      if (!(await this.campaigns.lock(tx, code))) throw new NotFoundError(`No campaign ${code}`);
      const row = await this.campaigns.insertSpend(tx, {
        campaignCode: code,
        line: entry.line,
        amount: entry.amount,
        spentOn: entry.spentOn,
        note: entry.note,
        createdBy: actor.userId,
      });
      await this.audit.record(
        {
          actor,
          action: 'campaign.spend',
          entityType: 'campaign',
          entityId: code,
          after: { id: row.id, line: row.line, amount: row.amount, spentOn: row.spentOn, note: row.note },
        },
        tx,
      );
    });
    await this.jobs.enqueue(JobName.RefreshCampaignRollups, { reason: 'spend', campaignCodes: [code] });
    return this.listSpend(code);
  }

  /**
   * Recorded spend, per line, plus line `redemptions`: audience customers who redeemed the offer in the
   * window × the offer's cost per redemption (as the campaign's figures count it).
   */
  async listSpend(code: string): Promise<SpendListDto> {
    const row = await this.require(code);
    const plan = planOfRow(row);
    const [entries, redeemed] = await Promise.all([this.campaigns.spendOf(code), this.campaigns.redeemedCustomers(code)]);
    const byLine: Record<string, number> = {};
    for (const e of entries) byLine[e.line] = cents((byLine[e.line] ?? 0) + e.amount);
    byLine[REDEMPTIONS_SPEND_LINE] = cents(redeemed * plan.offer.costPerRedemption);
    return {
      items: entries.map((e) => ({
        id: e.id,
        line: e.line as SpendListDto['items'][number]['line'],
        amount: e.amount,
        spentOn: e.spentOn,
        note: e.note,
        createdAt: e.createdAt.toISOString(),
      })),
      byLine,
      total: cents(Object.values(byLine).reduce((sum, v) => sum + v, 0)),
      budget: plan.budget,
    };
  }

  private async transition(
    code: string,
    actor: Actor,
    today: string,
    action: 'cancel' | 'complete',
    set: { cancelledAt?: Date; cancelReason?: string; completedAt?: Date },
    detail: Record<string, unknown>,
  ): Promise<CampaignDto> {
    const { row, from } = await this.campaigns.transaction(async (tx) => {
      const current = await this.lockPlatform(tx, code, action === 'cancel' ? 'cancelled' : 'completed');
      const status = statusOfRow(current);
      const next = nextCampaignStatus(status, action, today, planOfRow(current));
      const updated = await this.campaigns.update(tx, code, { status: next, ...set });
      await this.audit.record(
        { actor, action: `campaign.${action}`, entityType: 'campaign', entityId: code, before: { status }, after: { status: next, ...detail } },
        tx,
      );
      return { row: updated, from: status };
    });
    if (LAUNCHED.includes(from)) await this.jobs.enqueue(JobName.RefreshCampaignRollups, { reason: 'status', campaignCodes: [code] });
    return this.toDto(row);
  }

  private async require(code: string): Promise<CampaignRow> {
    const row = await this.campaigns.find(code);
    if (!row) throw new NotFoundError(`No campaign ${code}`);
    return row;
  }

  /** The campaign, locked, when it was planned here (imported campaigns change through their files). */
  private async lockPlatform(tx: Transaction, code: string, verb: string): Promise<CampaignRow> {
    const row = await this.campaigns.lock(tx, code);
    if (!row) throw new NotFoundError(`No campaign ${code}`);
    if (originOfRow(row) !== 'platform') {
      throw new ConflictError(`Campaign ${code} was imported from a file: it is not ${verb} here; load its file again instead`, { origin: row.origin });
    }
    return row;
  }

  /** Offered products that are not in products, saved segments that do not exist. */
  private async referenceProblems(plan: CampaignPlan, on?: Database): Promise<FieldProblem[]> {
    // one after the other: inside a transaction both run on its one connection
    const products = await this.campaigns.unknownProducts(plan.productCodes, on);
    const segments = await this.campaigns.unknownSegments(plan.target.segmentIds, on);
    const problems: FieldProblem[] = [];
    if (products.length > 0) {
      problems.push({
        field: 'productCodes',
        message: `no product ${products.join(', ')}: load ${products.length === 1 ? 'it' : 'them'} with the products file or choose another`,
      });
    }
    if (segments.length > 0) {
      problems.push({ field: 'target.segmentIds', message: `no saved segment ${segments.join(', ')}: it may have been deleted; choose another` });
    }
    return problems;
  }

  private async toDto(row: CampaignRow): Promise<CampaignDto> {
    let problems: FieldProblem[] = [];
    if (originOfRow(row) === 'platform' && LAUNCHABLE.includes(statusOfRow(row))) {
      const plan = planOfRow(row);
      problems = [...campaignLaunchProblems(plan), ...(await this.referenceProblems(plan))];
    }
    return toCampaignDto(row, problems);
  }
}

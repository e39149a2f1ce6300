import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import {
  complianceSettingsSchema,
  type ComplianceRuleSetDto,
  type ComplianceRuleSetListDto,
  type CreateComplianceRuleSetRequest,
  type CreateComplianceRuleSetResponse,
} from '@banca/contracts';
import {
  complianceRuleVersionOn,
  complianceSettingsProblems,
  ConflictError,
  DEFAULT_COMPLIANCE_SETTINGS,
  ValidationError,
  type Actor,
  type ComplianceRuleVersion,
  type ComplianceSettings,
} from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, type JobQueue } from '@banca/queue';
import { ComplianceRuleSetRepository, type ComplianceRuleSetRow } from './compliance-rule-set.repository';

// The RULES.md defaults have always applied: a version back-dated later must still take over from them.
const DEFAULTS_EFFECTIVE_FROM = '1970-01-01';

/**
 * Compliance settings versions (thresholds, severities, the C→R grid): each takes effect on a date and a
 * sale is checked under the version in force at its sale date. RULES.md defaults become version 1 when
 * there is none.
 */
@Injectable()
export class ComplianceRuleSetService {
  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly rules: ComplianceRuleSetRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every version, oldest first. */
  async versions(): Promise<ComplianceRuleVersion[]> {
    return (await this.allVersions()).rows.map(toRuleVersion);
  }

  /** The version in force on a date (YYYY-MM-DD): the one a sale of that date is checked under. */
  async inForceOn(date: string): Promise<ComplianceRuleVersion> {
    const inForce = complianceRuleVersionOn(await this.versions(), date);
    if (!inForce) throw new ConflictError('No compliance rule set exists');
    return inForce;
  }

  /** Every version, newest first, marking the one in force today, with the RULES.md defaults. */
  async listRuleSets(): Promise<ComplianceRuleSetListDto> {
    const { rows, today } = await this.allVersions();
    const inForce = complianceRuleVersionOn(rows, today);
    return {
      versions: [...rows].reverse().map((r) => toRuleSetDto(r, r.version === inForce?.version)),
      inForceVersion: inForce?.version ?? null,
      defaults: DEFAULT_COMPLIANCE_SETTINGS,
    };
  }

  /**
   * Adds a settings version (fields checked by the contract, consistency across fields here), audited,
   * and re-scans every sale so findings follow it from its effective date.
   */
  async createRuleSet(request: CreateComplianceRuleSetRequest, actor: Actor): Promise<CreateComplianceRuleSetResponse> {
    const problems = complianceSettingsProblems(request.settings);
    if (problems.length > 0) {
      const [first] = problems;
      throw new ValidationError(first!.message, { field: `settings.${first!.field}` }, { problems });
    }
    await this.allVersions();
    const row = await this.rules.insert({
      settings: request.settings,
      effectiveFrom: request.effectiveFrom,
      note: request.note ?? null,
      createdBy: actor.userId,
    });
    const { rows, today } = await this.rules.listAll();
    const ruleSet = toRuleSetDto(row, complianceRuleVersionOn(rows, today)?.version === row.version);
    await this.audit.record({
      actor,
      action: 'compliance-rule-set.create',
      entityType: 'compliance-rule-set',
      entityId: String(row.version),
      after: ruleSet,
    });
    const scanJobId = await this.queue.enqueue(JobName.ComplianceScan, { reason: 'rules-changed' }, { jobId: `compliance-scan-rules-v${row.version}` });
    return { ruleSet, scanJobId };
  }

  private async allVersions(): Promise<{ rows: ComplianceRuleSetRow[]; today: string }> {
    const listed = await this.rules.listAll();
    if (listed.rows.length > 0) return listed;
    await this.rules.seedIfEmpty({ settings: DEFAULT_COMPLIANCE_SETTINGS, effectiveFrom: DEFAULTS_EFFECTIVE_FROM, note: 'RULES.md defaults' });
    return this.rules.listAll();
  }
}

/** A stored version's settings, checked against the contract: a version that no longer parses stops the scan. */
function settingsOf(row: ComplianceRuleSetRow): ComplianceSettings {
  const parsed = complianceSettingsSchema.safeParse(row.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConflictError(`Compliance rule set version ${row.version} is not valid at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

function toRuleVersion(row: ComplianceRuleSetRow): ComplianceRuleVersion {
  return { version: row.version, effectiveFrom: row.effectiveFrom, settings: settingsOf(row) };
}

function toRuleSetDto(row: ComplianceRuleSetRow, inForce: boolean): ComplianceRuleSetDto {
  return {
    version: row.version,
    settings: settingsOf(row),
    effectiveFrom: row.effectiveFrom,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    inForce,
  };
}

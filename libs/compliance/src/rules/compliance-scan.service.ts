import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import type { ComplianceScanDto, ComplianceScanListDto, EnqueuedJobResponse } from '@banca/contracts';
import { SYSTEM_ACTOR, type Actor } from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { ComplianceRuleSetService } from './compliance-rule-set.service';
import { ruleVersionWindows } from './compliance-rule-windows';
import { ComplianceScanRepository, type ComplianceScanRow, type ScanCounts, type ScanScope } from './compliance-scan.repository';

type ScanPayload = JobPayloads[JobName.ComplianceScan];

/** What a scan did: its compliance_scans row id, its counts and the alert evaluation it started. */
export interface ComplianceScanOutcome extends ScanCounts {
  scanId: string;
  alertsJobId: string;
}

/**
 * Which sales a scan re-checks, and the scope it is recorded under. After a load only what the run
 * changed: the sales of the customers whose sales, snapshots or complaints it wrote; products, staff, a
 * rules change and an on-demand scan can change any sale's outcome, so they re-check every sale.
 */
export function scanScopeOf(payload: ScanPayload): { scope: ScanScope; label: string } {
  const { runId, entity } = payload;
  if (runId !== undefined && (entity === 'sales' || entity === 'customers' || entity === 'complaints')) {
    return { scope: { kind: 'run', entity, runId }, label: entity };
  }
  return { scope: { kind: 'all' }, label: runId !== undefined && entity ? entity : 'all' };
}

/** The compliance scan: every sale checked against the rules of RULES.md in bulk, as a job and on demand. */
@Injectable()
export class ComplianceScanService {
  private readonly logger = new Logger(ComplianceScanService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly ruleSets: ComplianceRuleSetService,
    private readonly scans: ComplianceScanRepository,
    private readonly audit: AuditService,
  ) {}

  /** The ComplianceScan job: re-checks the payload's scope, records and audits the scan, then re-evaluates alerts. */
  @OnJob(JobName.ComplianceScan)
  async scan(payload: ScanPayload, context: JobContext): Promise<ComplianceScanOutcome> {
    const { scope, label } = scanScopeOf(payload);
    return this.runScan({ reason: payload.reason, runId: payload.runId ?? null, scope, label }, context);
  }

  /**
   * Re-checks the sales of these customers now (e.g. after evidence was revoked), recorded and audited
   * like a scan job.
   */
  async scanCustomers(customerIds: string[], reason = 'evidence-changed'): Promise<ComplianceScanOutcome> {
    return this.runScan({ reason, runId: null, scope: { kind: 'customers', customerIds: [...new Set(customerIds)] }, label: 'customers' });
  }

  /** A scan of every sale someone asked for: enqueued and audited; poll the job for its outcome. */
  async requestScan(actor: Actor): Promise<EnqueuedJobResponse> {
    const jobId = await this.queue.enqueue(JobName.ComplianceScan, { reason: 'on-demand' });
    await this.audit.record({ actor, action: 'compliance-scan.request', entityType: 'compliance-scan', entityId: null, after: { jobId } });
    return { jobId };
  }

  /** The latest scans, newest first. */
  async listScans(limit = 50): Promise<ComplianceScanListDto> {
    return { scans: (await this.scans.listScans(limit)).map(toScanDto) };
  }

  private async runScan(
    params: { reason: string; runId: string | null; scope: ScanScope; label: string },
    context?: JobContext,
  ): Promise<ComplianceScanOutcome> {
    const windows = ruleVersionWindows(await this.ruleSets.versions());
    const scanId = await this.scans.startScan({ reason: params.reason, scope: params.label, runId: params.runId });
    await context?.reportProgress({ scanId, percent: 5 });
    const counts = await this.scans.scan({
      windows,
      scope: params.scope,
      onWindowDone: async (done, total) => context?.reportProgress({ scanId, percent: 5 + Math.floor((90 * done) / total) }),
    });
    const row = await this.scans.finishScan(scanId, counts);
    await this.audit.record({
      actor: SYSTEM_ACTOR,
      action: 'compliance-scan.complete',
      entityType: 'compliance-scan',
      entityId: scanId,
      after: { ...toScanDto(row), findingsReopened: counts.findingsReopened, ruleVersions: windows.map((w) => w.version.version) },
    });
    const alertsJobId = await this.queue.enqueue(
      JobName.EvaluateComplianceAlerts,
      { reason: 'scan', scanId },
      { jobId: `evaluate-compliance-alerts-${scanId}` },
    );
    await context?.reportProgress({ scanId, percent: 100 });
    this.logger.log({ msg: 'compliance scan finished', scanId, reason: params.reason, scope: params.label, runId: params.runId, ...counts });
    return { scanId, alertsJobId, ...counts };
  }
}

function toScanDto(row: ComplianceScanRow): ComplianceScanDto {
  return {
    id: row.id,
    reason: row.reason,
    scope: row.scope,
    runId: row.runId,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    salesChecked: row.salesChecked,
    findingsCreated: row.findingsCreated,
    findingsUpdated: row.findingsUpdated,
    findingsWithdrawn: row.findingsWithdrawn,
  };
}

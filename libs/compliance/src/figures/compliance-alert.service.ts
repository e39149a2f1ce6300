import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import type { AlertListQuery, AlertListResponse, ComplianceAlertDto, EnqueuedJobResponse } from '@banca/contracts';
import { monthStartBefore, type Actor } from '@banca/domain';
import { singlePage, tableExport, type ExportColumn, type ExportFormat, type TableExport } from '@banca/exports';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { ComplianceRuleSetService } from '../rules/compliance-rule-set.service';
import { ComplianceAlertRepository, type AlertEvaluationCounts, type AlertRow } from './compliance-alert.repository';
import { ComplianceFiguresRepository } from './compliance-figures.repository';

/** Alerts watch the last 24 months: this month and the 23 before it. */
export const ALERT_WINDOW_MONTHS = 24;

export interface AlertEvaluationOutcome extends AlertEvaluationCounts {
  ruleVersion: number;
  windowStart: string;
  today: string;
}

const ALERT_COLUMNS: ExportColumn<ComplianceAlertDto>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'dimension', type: 'text', value: (r) => r.dimension },
  { name: 'dimension_key', type: 'text', value: (r) => r.dimensionKey },
  { name: 'label', type: 'text', value: (r) => r.label },
  { name: 'metric', type: 'text', value: (r) => r.metric },
  { name: 'period', type: 'text', value: (r) => r.period },
  { name: 'value', type: 'float', value: (r) => r.value },
  { name: 'threshold', type: 'float', value: (r) => r.threshold },
  { name: 'direction', type: 'text', value: (r) => r.direction },
  { name: 'sales', type: 'int', value: (r) => r.sales },
  { name: 'rule_version', type: 'int', value: (r) => r.ruleVersion },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'first_detected_at', type: 'text', value: (r) => r.firstDetectedAt },
  { name: 'last_evaluated_at', type: 'text', value: (r) => r.lastEvaluatedAt },
  { name: 'resolved_at', type: 'text', value: (r) => r.resolvedAt },
];

/**
 * Alerts when a branch, staff member, product or campaign drifts beyond a threshold of the compliance
 * settings in force (RULES.md "Prevention and monitoring"): evaluated by a job after every scan, listed
 * and exported for compliance and managers.
 */
@Injectable()
export class ComplianceAlertService {
  private readonly logger = new Logger(ComplianceAlertService.name);

  constructor(
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly alerts: ComplianceAlertRepository,
    private readonly figures: ComplianceFiguresRepository,
    private readonly ruleSets: ComplianceRuleSetService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Re-evaluates every figure per dimension value and month of the window against the thresholds in
   * force today. Idempotent: it recomputes from sales, findings and complaints, so a retry or a second
   * run changes nothing but `last_evaluated_at`.
   */
  @OnJob(JobName.EvaluateComplianceAlerts)
  async evaluate(payload: JobPayloads[JobName.EvaluateComplianceAlerts], context?: JobContext): Promise<AlertEvaluationOutcome> {
    const today = await this.figures.today();
    // Every month is judged by today's thresholds: an alert says what is beyond the bar set now.
    const { version, settings } = await this.ruleSets.inForceOn(today);
    const windowStart = monthStartBefore(today, ALERT_WINDOW_MONTHS - 1);
    const counts = await this.alerts.evaluate({ today, windowStart, thresholds: settings.alerts, ruleVersion: version });
    await context?.reportProgress(100);
    this.logger.log({ msg: 'compliance alerts evaluated', reason: payload.reason, scanId: payload.scanId, ruleVersion: version, ...counts });
    return { ...counts, ruleVersion: version, windowStart, today };
  }

  /** An evaluation someone asked for: enqueued and audited. */
  async requestEvaluation(actor: Actor): Promise<EnqueuedJobResponse> {
    const jobId = await this.queue.enqueue(JobName.EvaluateComplianceAlerts, { reason: 'on-demand' });
    await this.audit.record({ actor, action: 'compliance-alerts.evaluate', entityType: 'compliance-alerts', entityId: null, after: { jobId } });
    return { jobId };
  }

  /** What crossed which threshold when, active first, with the name of the branch, staff, product or campaign. */
  async listAlerts(query: AlertListQuery): Promise<AlertListResponse> {
    const [rows, lastEvaluatedAt] = await Promise.all([
      this.alerts.list({ status: query.status, dimension: query.dimension, metric: query.metric }),
      this.alerts.lastEvaluatedAt(),
    ]);
    return { alerts: rows.map(toAlertDto), lastEvaluatedAt: lastEvaluatedAt?.toISOString() ?? null };
  }

  async exportAlerts(query: AlertListQuery, format: ExportFormat): Promise<TableExport> {
    const { alerts } = await this.listAlerts(query);
    return tableExport('compliance-alerts', format, ALERT_COLUMNS, singlePage(alerts));
  }
}

function toAlertDto(row: AlertRow): ComplianceAlertDto {
  return {
    ...row,
    firstDetectedAt: row.firstDetectedAt.toISOString(),
    lastEvaluatedAt: row.lastEvaluatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

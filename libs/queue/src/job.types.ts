/** Queues group jobs that scale together; each job name belongs to exactly one queue. */
export enum QueueName {
  Ingestion = 'ingestion',
  Segmentation = 'segmentation',
  Compliance = 'compliance',
  Campaigns = 'campaigns',
  System = 'system',
}

export enum JobName {
  /** Load one spooled file of an ingestion run. */
  IngestFile = 'ingest-file',
  /** Recompute every customer's tier (and tier history) with the rule set in force. */
  RetierCustomers = 'retier-customers',
  /**
   * Check sales against the compliance rules (RULES.md) and re-evaluate the alerts. After a load only
   * what the run changed is re-checked (its sales, its customers' sales, the sales its complaints name);
   * a load of products or staff, a rules change and an on-demand scan re-check every sale.
   */
  ComplianceScan = 'compliance-scan',
  /** Re-evaluate the alert thresholds per branch, staff, product and campaign; follows every scan. */
  EvaluateComplianceAlerts = 'evaluate-compliance-alerts',
  /**
   * Build a launched campaign's audience: target ∩ consent ∩ contact policy ∩ suitable for every offered
   * product, split into treatment and holdout by a hash of (campaign, customer); then refresh its rollup.
   */
  BuildCampaignAudience = 'build-campaign-audience',
  /**
   * Refresh the campaign figures rollup: after a load of what campaigns are measured on (sales, events,
   * customers, complaints, campaigns, products), after an audience build, a recorded outcome or spend, and
   * on demand. Only the campaigns the change can touch are recomputed.
   */
  RefreshCampaignRollups = 'refresh-campaign-rollups',
  /** Move campaigns along by date: scheduled → running on the start date, running → completed after the window. */
  AdvanceCampaignStatuses = 'advance-campaign-statuses',
  /** Round-trip check used by readiness tests and operators: echoes its payload. */
  Ping = 'ping',
}

/** Payload of each job. Payloads carry ids and options only, never raw customer identifiers. */
export interface JobPayloads {
  [JobName.IngestFile]: { runId: string };
  [JobName.RetierCustomers]: { reason: 'ingestion' | 'rules-changed' | 'on-demand'; runId?: string };
  [JobName.ComplianceScan]: {
    reason: 'ingestion' | 'rules-changed' | 'on-demand';
    /** With reason `ingestion`: the run and the entity it loaded. */
    runId?: string;
    entity?: 'customers' | 'products' | 'sales' | 'complaints' | 'staff';
  };
  [JobName.EvaluateComplianceAlerts]: { reason: 'scan' | 'rules-changed' | 'on-demand'; scanId?: string };
  [JobName.BuildCampaignAudience]: { campaignCode: string; reason: 'launch' | 'relaunch' };
  [JobName.RefreshCampaignRollups]: {
    reason: 'ingestion' | 'audience' | 'outcome' | 'spend' | 'on-demand' | 'status';
    /** The campaigns to recompute; absent: every campaign the run can touch (or all, on demand). */
    campaignCodes?: string[];
    /** With reason `ingestion`: the run and the entity it loaded. */
    runId?: string;
    entity?: 'customers' | 'products' | 'sales' | 'complaints' | 'campaign_events' | 'campaigns';
  };
  [JobName.AdvanceCampaignStatuses]: { reason: 'schedule' | 'on-demand'; today?: string };
  [JobName.Ping]: { message: string; failTimes?: number };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.IngestFile]: QueueName.Ingestion,
  [JobName.RetierCustomers]: QueueName.Segmentation,
  [JobName.ComplianceScan]: QueueName.Compliance,
  [JobName.EvaluateComplianceAlerts]: QueueName.Compliance,
  [JobName.BuildCampaignAudience]: QueueName.Campaigns,
  [JobName.RefreshCampaignRollups]: QueueName.Campaigns,
  [JobName.AdvanceCampaignStatuses]: QueueName.Campaigns,
  [JobName.Ping]: QueueName.System,
};

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

/** States a job does not leave: `waitFor` resolves on these. */
export const FINISHED_JOB_STATES: readonly JobState[] = ['completed', 'failed'];

export interface JobStatus {
  id: string;
  name: JobName;
  queue: QueueName;
  state: JobState;
  /** 0–100, or a structured progress object the handler reported. */
  progress: number | Record<string, unknown>;
  attemptsMade: number;
  maxAttempts: number;
  result?: unknown;
  /** Message of the last failure, if any. */
  error?: string;
  createdAt: string;
  finishedAt?: string;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  reportProgress(progress: number | Record<string, unknown>): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<unknown>;

export interface EnqueueOptions {
  /** Deduplicates: a job with the same id that exists already is not added twice. */
  jobId?: string;
  /** Total tries including the first (default 3), with exponential backoff. */
  attempts?: number;
}

export interface WaitForOptions {
  /** Give up after this long (default: wait as long as it takes). */
  timeoutMs?: number;
}

/** What features use to start jobs and read their state, whichever runner is underneath. */
export interface JobQueue {
  /** Adds a job and returns its id at once (the job runs later); ids look like `<queue>:<id>`. */
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<string>;
  getJob(id: string): Promise<JobStatus | null>;
  /**
   * Resolves with the status once the job is completed or failed (after its last attempt).
   * Rejects with NotFoundError for an unknown id and JobWaitTimeoutError after `timeoutMs`.
   */
  waitFor(id: string, options?: WaitForOptions): Promise<JobStatus>;
  /** Throws if the queue backend is unreachable (readiness). */
  ping(): Promise<void>;
}

/** Injection token of the JobQueue. */
export const JOB_QUEUE_TOKEN = Symbol('JOB_QUEUE');

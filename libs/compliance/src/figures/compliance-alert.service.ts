import { Injectable } from '@nestjs/common';
import { JobName, OnJob, type JobPayloads } from '@banca/queue';

// SCAFFOLD: replaced by the alert evaluation.
@Injectable()
export class ComplianceAlertService {
  @OnJob(JobName.EvaluateComplianceAlerts)
  async evaluate(payload: JobPayloads[JobName.EvaluateComplianceAlerts]): Promise<never> {
    throw new Error(`alert evaluation not built yet (${payload.reason})`);
  }
}

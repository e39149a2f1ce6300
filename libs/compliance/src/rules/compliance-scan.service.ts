import { Injectable } from '@nestjs/common';
import { JobName, OnJob, type JobPayloads } from '@banca/queue';

// SCAFFOLD: replaced by the scan implementation (set-based SQL over the rule versions).
@Injectable()
export class ComplianceScanService {
  @OnJob(JobName.ComplianceScan)
  async scan(payload: JobPayloads[JobName.ComplianceScan]): Promise<never> {
    throw new Error(`compliance scan not built yet (${payload.reason})`);
  }
}

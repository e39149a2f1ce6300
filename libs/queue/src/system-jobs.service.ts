import { Injectable } from '@nestjs/common';
import { JobName, type JobContext, type JobPayloads } from './job.types';
import { OnJob } from './on-job.decorator';

export interface PingResult {
  message: string;
  /** The attempt that succeeded (1 unless earlier attempts were told to fail). */
  attempt: number;
}

/** Jobs of the system queue, available in every process that runs jobs. */
@Injectable()
export class SystemJobsService {
  /** Echoes its message; fails the first `failTimes` attempts so retries and the failed state can be exercised end to end. */
  @OnJob(JobName.Ping)
  async ping({ message, failTimes = 0 }: JobPayloads[JobName.Ping], context: JobContext): Promise<PingResult> {
    await context.reportProgress(50);
    if (context.attempt <= failTimes) {
      throw new Error(`ping told to fail attempt ${context.attempt} of the first ${failTimes}`);
    }
    await context.reportProgress(100);
    return { message, attempt: context.attempt };
  }
}

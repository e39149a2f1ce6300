import { Injectable, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { JOB_QUEUE, JobName, QueueName } from './job.types';
import { toJobId } from './job-id.util';
import { errorMessage, JobExecutor } from './job.executor';

const JOB_NAMES = new Set<string>(Object.values(JobName));

/** Workers wait for application bootstrap (BullMqRunner starts them), once every `@OnJob` handler is known. */
const WORKER_OPTIONS: Partial<WorkerOptions> = { autorun: false, concurrency: 1 };

/** The BullMQ worker of one queue: hands each job to the JobExecutor, as the in-process runner does. */
@Injectable()
export abstract class QueueProcessor extends WorkerHost {
  private readonly logger = new Logger('BullMqQueue');

  constructor(private readonly executor: JobExecutor) {
    super();
  }

  async process(job: Job<unknown, unknown, string>): Promise<unknown> {
    const queue = job.queueName as QueueName;
    if (!JOB_NAMES.has(job.name) || JOB_QUEUE[job.name as JobName] !== queue || job.id === undefined) {
      throw new Error(`Unknown job "${job.name}" in queue "${queue}"`);
    }
    return this.executor.execute({
      id: toJobId(queue, job.id),
      name: job.name as JobName,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      payload: job.data,
      reportProgress: (progress) => job.updateProgress(progress),
    });
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ msg: 'worker error', queue: this.worker.name, error: errorMessage(error) });
  }
}

@Processor(QueueName.Ingestion, WORKER_OPTIONS)
export class IngestionProcessor extends QueueProcessor {}

@Processor(QueueName.Segmentation, WORKER_OPTIONS)
export class SegmentationProcessor extends QueueProcessor {}

@Processor(QueueName.Compliance, WORKER_OPTIONS)
export class ComplianceProcessor extends QueueProcessor {}

@Processor(QueueName.Campaigns, WORKER_OPTIONS)
export class CampaignsProcessor extends QueueProcessor {}

@Processor(QueueName.System, WORKER_OPTIONS)
export class SystemProcessor extends QueueProcessor {}

export const QUEUE_PROCESSORS: Record<QueueName, Type<QueueProcessor>> = {
  [QueueName.Ingestion]: IngestionProcessor,
  [QueueName.Segmentation]: SegmentationProcessor,
  [QueueName.Compliance]: ComplianceProcessor,
  [QueueName.Campaigns]: CampaignsProcessor,
  [QueueName.System]: SystemProcessor,
};

/** Injection token of the processors this process runs (none in a process that only produces jobs). */
export const QUEUE_WORKERS = Symbol('QUEUE_WORKERS');

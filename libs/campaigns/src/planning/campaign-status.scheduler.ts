import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import { JOB_QUEUE_TOKEN, JobName, type JobQueue } from '@banca/queue';

const DAY_MS = 86_400_000;
/** A minute past UTC midnight: the new day has begun everywhere the job could run. */
const AFTER_MIDNIGHT_MS = 60_000;

/** The daily job's id: one AdvanceCampaignStatuses per UTC day, whichever process asks first. */
export const advanceJobIdFor = (today: string): string => `advance-campaign-statuses-${today}`;

/** Milliseconds from `now` to a minute past the next UTC midnight. */
export function msUntilNextRun(now: Date): number {
  const nextMidnight = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  return nextMidnight + AFTER_MIDNIGHT_MS - now.getTime();
}

/**
 * The daily AdvanceCampaignStatuses job. The queue has no repeatable jobs, so every process that has the
 * campaigns module (api, worker, CLI) asks for the day's run when it starts and again after each UTC
 * midnight, under a job id per day: BullMQ keeps one job per id, so a day's run happens once whichever
 * process asks first (and the advance is idempotent if it ran twice). Off in tests (`env` test), where
 * campaigns are advanced by calling CampaignService.advanceStatuses with a date.
 */
@Injectable()
export class CampaignStatusScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CampaignStatusScheduler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.env === 'test') return;
    void this.requestRun();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Queues today's advance (once per day id) and sets the timer for the next day. */
  async requestRun(now: Date = new Date()): Promise<string | null> {
    const today = now.toISOString().slice(0, 10);
    let jobId: string | null = null;
    try {
      jobId = await this.jobs.enqueue(JobName.AdvanceCampaignStatuses, { reason: 'schedule', today }, { jobId: advanceJobIdFor(today) });
    } catch (error) {
      this.logger.warn({ msg: 'daily campaign status advance not queued', today, error: error instanceof Error ? error.message : String(error) });
    }
    this.schedule(now);
    return jobId;
  }

  private schedule(now: Date): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.requestRun(), msUntilNextRun(now));
    this.timer.unref();
  }
}

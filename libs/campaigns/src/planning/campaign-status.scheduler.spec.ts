import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '@banca/config';
import { JobName, type EnqueueOptions, type JobPayloads, type JobQueue } from '@banca/queue';
import { advanceJobIdFor, CampaignStatusScheduler, msUntilNextRun } from './campaign-status.scheduler';

/** A queue that only records what it was asked to enqueue. */
function recordingQueue() {
  const enqueued: { name: JobName; payload: unknown; options?: EnqueueOptions }[] = [];
  const queue: JobQueue = {
    async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions) {
      enqueued.push({ name, payload, options });
      return `campaigns:${options?.jobId ?? enqueued.length}`;
    },
    getJob: async () => null,
    waitFor: async () => {
      throw new Error('not used');
    },
    ping: async () => undefined,
  };
  return { queue, enqueued };
}

describe('CampaignStatusScheduler', () => {
  let scheduler: CampaignStatusScheduler | null = null;
  afterEach(() => scheduler?.onModuleDestroy());

  it('waits until a minute past the next UTC midnight', () => {
    expect(msUntilNextRun(new Date('2025-03-10T23:59:00Z'))).toBe(2 * 60_000);
    expect(msUntilNextRun(new Date('2025-03-10T00:00:00Z'))).toBe(86_400_000 + 60_000);
    expect(msUntilNextRun(new Date('2025-03-10T12:00:00.500Z'))).toBe(12 * 3_600_000 - 500 + 60_000);
  });

  it("queues the day's advance under one id per UTC day", async () => {
    const { queue, enqueued } = recordingQueue();
    scheduler = new CampaignStatusScheduler({ env: 'development' } as AppConfig, queue);
    const jobId = await scheduler.requestRun(new Date('2025-03-10T08:30:00Z'));
    expect(jobId).toBe('campaigns:advance-campaign-statuses-2025-03-10');
    expect(enqueued).toEqual([
      { name: JobName.AdvanceCampaignStatuses, payload: { reason: 'schedule', today: '2025-03-10' }, options: { jobId: advanceJobIdFor('2025-03-10') } },
    ]);
  });

  it('queues nothing at start-up in tests (they advance by calling the service with a date)', () => {
    const { queue, enqueued } = recordingQueue();
    scheduler = new CampaignStatusScheduler({ env: 'test' } as AppConfig, queue);
    scheduler.onApplicationBootstrap();
    expect(enqueued).toEqual([]);
  });
});

import { Injectable, Module, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { JobName, QueueName, type JobContext, type JobPayloads } from './job.types';
import { OnJob } from './on-job.decorator';
import { JobRegistry } from './job-registry.service';
import { JobRegistryError } from './queue.errors';
import { QUEUE_MODULE_OPTIONS, resolveQueueOptions, type QueueModuleOptions } from './queue.options';
import { SystemJobsService } from './system-jobs.service';
import type { AppConfig } from '@banca/config';
import { testConfig } from '@banca/testing';

@Injectable()
class TieringJobs {
  calls: string[] = [];

  @OnJob(JobName.RetierCustomers)
  async retier(payload: JobPayloads[JobName.RetierCustomers], context: JobContext): Promise<string> {
    this.calls.push(`${payload.reason}@${context.attempt}`);
    return `retiered:${payload.reason}`;
  }

  notAHandler(): string {
    return 'ignored';
  }
}

@Injectable()
class IngestionJobs {
  @OnJob(JobName.IngestFile)
  async ingest(payload: JobPayloads[JobName.IngestFile]): Promise<string> {
    return payload.runId;
  }
}

@Injectable()
class ComplianceJobs {
  @OnJob(JobName.ComplianceScan)
  async scan(): Promise<void> {}

  @OnJob(JobName.EvaluateComplianceAlerts)
  async evaluate(): Promise<void> {}
}

@Injectable()
class CampaignJobs {
  @OnJob(JobName.BuildCampaignAudience)
  async build(): Promise<void> {}

  @OnJob(JobName.RefreshCampaignRollups)
  async refresh(): Promise<void> {}

  @OnJob(JobName.AdvanceCampaignStatuses)
  async advance(): Promise<void> {}
}

@Injectable()
class SecondTieringJobs {
  @OnJob(JobName.RetierCustomers)
  async retierAgain(): Promise<void> {}
}

@Injectable({ scope: Scope.REQUEST })
class RequestScopedJobs {
  @OnJob(JobName.IngestFile)
  async ingest(): Promise<void> {}
}

function config(queue: AppConfig['queue'], runJobsInApi: boolean): AppConfig {
  return testConfig({ kind: 'pglite', dataDir: 'memory' }, { queue, runJobsInApi });
}
const inProcess = config({ kind: 'in-process' }, true);
const apiOnRedis = config({ kind: 'bullmq', redisUrl: 'redis://127.0.0.1:6379', prefix: 'unit' }, false);

async function boot(providers: (new (...args: never[]) => object)[], options: QueueModuleOptions = {}, appConfig = inProcess) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      JobRegistry,
      SystemJobsService,
      ...providers,
      { provide: QUEUE_MODULE_OPTIONS, useValue: resolveQueueOptions(appConfig, options) },
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('JobRegistry', () => {
  it('discovers @OnJob methods and binds them to their provider instance', async () => {
    const moduleRef = await boot([TieringJobs, IngestionJobs, ComplianceJobs, CampaignJobs]);
    const registry = moduleRef.get(JobRegistry);
    expect(registry.names().sort()).toEqual(
      [
        JobName.IngestFile,
        JobName.Ping,
        JobName.RetierCustomers,
        JobName.ComplianceScan,
        JobName.EvaluateComplianceAlerts,
        JobName.BuildCampaignAudience,
        JobName.RefreshCampaignRollups,
        JobName.AdvanceCampaignStatuses,
      ].sort(),
    );

    const context: JobContext = { jobId: 'segmentation:1', attempt: 2, reportProgress: async () => {} };
    const result = await registry.get(JobName.RetierCustomers)({ reason: 'on-demand' }, context);
    expect(result).toBe('retiered:on-demand');
    expect(moduleRef.get(TieringJobs).calls).toEqual(['on-demand@2']);
    await moduleRef.close();
  });

  it('refuses to boot when a job of a queue this process runs has no handler, naming the job', async () => {
    const failure = boot([TieringJobs]);
    await expect(failure).rejects.toBeInstanceOf(JobRegistryError);
    await expect(failure).rejects.toThrow(/no handler for job "ingest-file" \(queue "ingestion"\)/);
  });

  it('refuses to boot when a job has two handlers, naming both', async () => {
    await expect(boot([TieringJobs, SecondTieringJobs, IngestionJobs])).rejects.toThrow(
      /job "retier-customers" has 2 handlers \(TieringJobs\.retier, SecondTieringJobs\.retierAgain\)/,
    );
  });

  it('flags duplicates even in a process that only produces jobs', async () => {
    await expect(boot([TieringJobs, SecondTieringJobs], {}, apiOnRedis)).rejects.toThrow(/job "retier-customers" has 2 handlers/);
  });

  it('checks only the jobs of the queues this process runs', async () => {
    const moduleRef = await boot([], { queues: [QueueName.System] });
    expect(moduleRef.get(JobRegistry).names()).toEqual([JobName.Ping]);
    await moduleRef.close();
  });

  it('does not require handlers in a process that does not run jobs', async () => {
    const moduleRef = await boot([], {}, apiOnRedis);
    expect(moduleRef.get(JobRegistry).names()).toEqual([JobName.Ping]);
    await moduleRef.close();
  });

  it('rejects handlers on request-scoped providers', async () => {
    await expect(boot([TieringJobs, RequestScopedJobs])).rejects.toThrow(/RequestScopedJobs has @OnJob methods but is not a singleton/);
  });

  it('counts a provider reached through an alias once', async () => {
    @Module({ providers: [IngestionJobs, { provide: 'INGESTION_ALIAS', useExisting: IngestionJobs }] })
    class AliasModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule, AliasModule],
      providers: [JobRegistry, SystemJobsService, TieringJobs, ComplianceJobs, CampaignJobs, { provide: QUEUE_MODULE_OPTIONS, useValue: resolveQueueOptions(inProcess) }],
    }).compile();
    await moduleRef.init();
    expect(moduleRef.get(JobRegistry).names()).toContain(JobName.IngestFile);
    await moduleRef.close();
  });
});

describe('SystemJobsService.ping', () => {
  it('fails the first failTimes attempts, then echoes the message', async () => {
    const service = new SystemJobsService();
    const progress: unknown[] = [];
    const context = (attempt: number): JobContext => ({ jobId: 'system:1', attempt, reportProgress: async (p) => void progress.push(p) });
    await expect(service.ping({ message: 'hello', failTimes: 1 }, context(1))).rejects.toThrow(/fail attempt 1/);
    await expect(service.ping({ message: 'hello', failTimes: 1 }, context(2))).resolves.toEqual({ message: 'hello', attempt: 2 });
    expect(progress).toEqual([50, 50, 100]);
  });
});

import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ConfigModule, type AppConfig } from '@banca/config';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { DbModule } from '@banca/db';
import { IngestionModule } from '@banca/ingestion';
import { QueueModule } from '@banca/queue';
import { SegmentationModule } from '@banca/segmentation';

/**
 * The worker process: no HTTP, a BullMQ worker (`@nestjs/bullmq` processor) per queue. Feature modules
 * are imported for the `@OnJob` handlers their services declare; the boot check fails if a job has no
 * handler here.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { logger } }),
        DbModule,
        QueueModule.forRoot(config, { runJobs: true }),
        IngestionModule,
        SegmentationModule,
        ComplianceModule,
        CampaignsModule,
      ],
    };
  }
}

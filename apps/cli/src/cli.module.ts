import { Module, type DynamicModule } from '@nestjs/common';
import { AnalyticsModule } from '@banca/analytics';
import { AuditModule } from '@banca/audit';
import { AuthModule } from '@banca/auth';
import { ConfigModule, type AppConfig } from '@banca/config';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { DbModule } from '@banca/db';
import { IngestionModule } from '@banca/ingestion';
import { QueueModule } from '@banca/queue';
import { SegmentationModule } from '@banca/segmentation';

/** What CLI commands run on: the same platform and feature modules as the api, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DbModule,
        QueueModule.forRoot(config),
        AuditModule,
        AuthModule,
        IngestionModule,
        SegmentationModule,
        ComplianceModule,
        CampaignsModule,
        AnalyticsModule,
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@banca/audit';
import { AuthModule } from '@banca/auth';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@banca/config';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { DbModule } from '@banca/db';
import { IngestionModule } from '@banca/ingestion';
import { QueueModule } from '@banca/queue';
import { SegmentationModule } from '@banca/segmentation';
import { AccessHttpModule } from './access/access.http.module';
import { AnalyticsHttpModule } from './analytics/analytics.http.module';
import { AuditHttpModule } from './audit/audit.http.module';
import { CampaignsHttpModule } from './campaigns/campaigns.http.module';
import { ApiCoreModule } from './common/api-core.module';
import { loggerOptions } from './common/logger.options';
import { ComplianceHttpModule } from './compliance/compliance.http.module';
import { HealthHttpModule } from './health/health.http.module';
import { IngestionHttpModule } from './ingestion/ingestion.http.module';
import { JobsHttpModule } from './jobs/jobs.http.module';
import { SegmentsHttpModule } from './segments/segments.http.module';

/** The HTTP composition root: platform modules, cross-cutting HTTP concerns, then one HTTP module per feature. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: loggerOptions }),
        DbModule,
        QueueModule.forRoot(config),
        AuditModule,
        AuthModule,
        // Feature modules here as well as in their HTTP modules: this process runs their job handlers.
        IngestionModule,
        SegmentationModule,
        ComplianceModule,
        CampaignsModule,
        ApiCoreModule,
        AccessHttpModule,
        HealthHttpModule,
        JobsHttpModule,
        IngestionHttpModule,
        SegmentsHttpModule,
        CampaignsHttpModule,
        AnalyticsHttpModule,
        ComplianceHttpModule,
        AuditHttpModule,
      ],
    };
  }
}

import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { CampaignMetricsRepository } from './campaign-metrics.repository';
import { CampaignMetricsService } from './campaign-metrics.service';
import { CampaignRollupRepository } from './campaign-rollup.repository';
import { CampaignRollupService } from './campaign-rollup.service';

/**
 * The campaign figures rollup (CampaignRollupService: the RefreshCampaignRollups job handler) and the
 * metrics the dashboards read from it.
 */
@Module({
  imports: [AuditModule],
  providers: [CampaignRollupService, CampaignRollupRepository, CampaignMetricsService, CampaignMetricsRepository],
  exports: [CampaignRollupService, CampaignMetricsService],
})
export class CampaignRollupsModule {}

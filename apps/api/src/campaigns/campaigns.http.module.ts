import { Module } from '@nestjs/common';
import { CampaignsModule } from '@banca/campaigns';
import { CampaignAudienceController } from './campaign-audience.controller';
import { CampaignMetricsController } from './campaign-metrics.controller';
import { CampaignsController } from './campaigns.controller';
import { SalesController } from './sales.controller';

/**
 * Campaign routes. CampaignMetricsController comes first: its fixed paths (campaigns/overview,
 * campaigns/rollups/refresh) must be matched before campaigns/:code.
 */
@Module({
  imports: [CampaignsModule],
  controllers: [CampaignMetricsController, CampaignAudienceController, CampaignsController, SalesController],
})
export class CampaignsHttpModule {}

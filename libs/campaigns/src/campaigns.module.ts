import { Module } from '@nestjs/common';
import { CampaignAudienceModule } from './audience/campaign-audience.module';
import { CampaignDemoModule } from './demo/campaign-demo.module';
import { CampaignPlanningModule } from './planning/campaign-planning.module';
import { CampaignRollupsModule } from './rollups/campaign-rollups.module';

/**
 * Joint campaigns (issue 5): planning and lifecycle, the audience build with its holdout, outcomes one at a
 * time, spend, the figures rollup and its metrics, and the generated demo. Needs the global ConfigModule,
 * DbModule and QueueModule.
 */
@Module({
  imports: [CampaignPlanningModule, CampaignAudienceModule, CampaignRollupsModule, CampaignDemoModule],
  exports: [CampaignPlanningModule, CampaignAudienceModule, CampaignRollupsModule, CampaignDemoModule],
})
export class CampaignsModule {}

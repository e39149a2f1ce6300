import { Module } from '@nestjs/common';
import { IngestionModule } from '@banca/ingestion';
import { CampaignPlanningModule } from '../planning/campaign-planning.module';
import { CampaignRollupsModule } from '../rollups/campaign-rollups.module';
import { CampaignDemoService } from './campaign-demo.service';

/**
 * The generated campaigns demo (`banca generate`, and `npm start` on a fresh data folder): a bank + insurer
 * dataset and the six PRODUCT.md campaigns with their outcomes, loaded through ingestion and CampaignService.
 */
@Module({
  imports: [IngestionModule, CampaignPlanningModule, CampaignRollupsModule],
  providers: [CampaignDemoService],
  exports: [CampaignDemoService],
})
export class CampaignDemoModule {}

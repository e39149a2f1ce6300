import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { ComplianceModule } from '@banca/compliance';
import { SegmentationModule } from '@banca/segmentation';
import { AudienceRepository } from './audience.repository';
import { CampaignAudienceService } from './campaign-audience.service';

/**
 * The audience a launch builds (target ∩ consent ∩ contact policy ∩ suitable for every offered product,
 * split by hash into treatment and holdout) and its drill-down. `CampaignAudienceService.buildJob` is the
 * BuildCampaignAudience job handler.
 */
@Module({
  imports: [AuditModule, SegmentationModule, ComplianceModule],
  providers: [CampaignAudienceService, AudienceRepository],
  exports: [CampaignAudienceService],
})
export class CampaignAudienceModule {}

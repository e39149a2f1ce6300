import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { ComplianceModule } from '@banca/compliance';
import { CampaignOutcomeRepository } from './campaign-outcome.repository';
import { CampaignOutcomeService } from './campaign-outcome.service';
import { CampaignStatusScheduler } from './campaign-status.scheduler';
import { CampaignRepository } from './campaign.repository';
import { CampaignService } from './campaign.service';

/**
 * Planning and lifecycle of campaigns (CampaignService: drafts, edits, launch, cancel, complete, spend; its
 * `advanceJob` is the AdvanceCampaignStatuses job handler, queued daily by CampaignStatusScheduler) and
 * outcomes one at a time (CampaignOutcomeService).
 */
@Module({
  imports: [AuditModule, ComplianceModule],
  providers: [CampaignService, CampaignRepository, CampaignOutcomeService, CampaignOutcomeRepository, CampaignStatusScheduler],
  exports: [CampaignService, CampaignOutcomeService],
})
export class CampaignPlanningModule {}

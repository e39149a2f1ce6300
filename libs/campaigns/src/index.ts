export * from './campaigns.module';
export * from './rollups/campaign-rollup.service';
export { RETENTION_CURVE_MONTHS, type RollupEntity } from './rollups/campaign-rollup.repository';
export {
  CampaignAudienceService,
  AUDIENCE_MEMBER_EXPORT_COLUMNS,
  type AudienceBuildOutcome,
  type AudienceBuildOptions,
} from './audience/campaign-audience.service';
export { holdoutBucket, holdoutArm } from './audience/holdout-split';
export { CampaignMetricsService } from './rollups/campaign-metrics.service';
export { CampaignDemoService, type CampaignDemoReport, type CampaignDemoRunOptions, type CampaignDemoFileSink } from './demo/campaign-demo.service';
export {
  CAMPAIGN_DEMO_DEFAULTS,
  campaignDemoDataset,
  campaignDemoOutcomes,
  type CampaignDemoDataset,
  type CampaignDemoOptions,
  type CampaignDemoOutcomes,
} from './demo/campaign-demo.generator';
export { CAMPAIGN_DEMO_CODES, CAMPAIGN_DEMO_PRODUCTS, campaignDemoSpecs, type CampaignDemoSpec } from './demo/campaign-demo.plans';
export { CampaignService, parseCampaignPatch, REDEMPTIONS_SPEND_LINE, type AdvanceStatusesOutcome } from './planning/campaign.service';
export { CampaignOutcomeService } from './planning/campaign-outcome.service';
export type { OutcomeWrite } from './planning/campaign-outcome.repository';
export { CampaignStatusScheduler, advanceJobIdFor } from './planning/campaign-status.scheduler';

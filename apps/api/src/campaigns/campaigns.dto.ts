import { createZodDto } from 'nestjs-zod';
import {
  campaignPatchSchema,
  campaignPlanSchema,
  campaignSchema,
  campaignTargetSchema,
  cancelCampaignSchema,
  launchCampaignResponseSchema,
  recordCampaignEventSchema,
  recordOutcomeResponseSchema,
  recordSaleSchema,
  recordSpendSchema,
  spendListSchema,
  storedSegmentRuleSchema,
} from '@banca/contracts';

/**
 * The campaign as answered: its target's filter is an already valid rule, described structurally
 * (`storedSegmentRuleSchema`) — the request's rule schema validates by a transform, which OpenAPI cannot
 * describe as a response.
 */
const campaignResponseSchema = campaignSchema.extend({
  target: campaignTargetSchema.extend({ filter: storedSegmentRuleSchema.nullable() }),
});

export class CampaignPlanRequestDto extends createZodDto(campaignPlanSchema) {}
/**
 * For the OpenAPI document only: PATCH bodies are parsed in the handler (parseCampaignPatch), because the
 * validation pipe would fill the plan's defaults into fields the caller did not send.
 */
export class CampaignPatchRequestDto extends createZodDto(campaignPatchSchema) {}
export class CampaignResponseDto extends createZodDto(campaignResponseSchema) {}
export class LaunchCampaignResponseDto extends createZodDto(launchCampaignResponseSchema.extend({ campaign: campaignResponseSchema })) {}
export class CancelCampaignRequestDto extends createZodDto(cancelCampaignSchema) {}
export class RecordSpendRequestDto extends createZodDto(recordSpendSchema) {}
export class SpendListResponseDto extends createZodDto(spendListSchema) {}
export class RecordCampaignEventRequestDto extends createZodDto(recordCampaignEventSchema) {}
export class RecordSaleRequestDto extends createZodDto(recordSaleSchema) {}
export class RecordOutcomeResponseDto extends createZodDto(recordOutcomeResponseSchema) {}

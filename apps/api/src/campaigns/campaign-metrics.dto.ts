import { createZodDto } from 'nestjs-zod';
import {
  breakdownQuerySchema,
  breakdownResponseSchema,
  campaignListQuerySchema,
  campaignListSchema,
  campaignMetricsSchema,
  exportFormatSchema,
  overviewQuerySchema,
  overviewResponseSchema,
  refreshRollupsResponseSchema,
  refreshRollupsSchema,
  retentionQuerySchema,
  retentionResponseSchema,
  trendQuerySchema,
  trendResponseSchema,
} from '@banca/contracts';

/** The campaign list's filters, and the file format when it is downloaded. */
export const campaignListDownloadQuerySchema = campaignListQuerySchema.extend({ format: exportFormatSchema.optional() });
/** The overview's scope and grain; with a format, its before → after table is downloaded. */
export const overviewDownloadQuerySchema = overviewQuerySchema.extend({ format: exportFormatSchema.optional() });

export class CampaignListQueryDto extends createZodDto(campaignListDownloadQuerySchema) {}
export class CampaignListResponseDto extends createZodDto(campaignListSchema) {}
export class CampaignOverviewQueryDto extends createZodDto(overviewDownloadQuerySchema) {}
export class CampaignOverviewResponseDto extends createZodDto(overviewResponseSchema) {}
export class CampaignMetricsResponseDto extends createZodDto(campaignMetricsSchema) {}
export class CampaignBreakdownQueryDto extends createZodDto(breakdownQuerySchema) {}
export class CampaignBreakdownResponseDto extends createZodDto(breakdownResponseSchema) {}
export class CampaignTrendQueryDto extends createZodDto(trendQuerySchema) {}
export class CampaignTrendResponseDto extends createZodDto(trendResponseSchema) {}
export class CampaignRetentionQueryDto extends createZodDto(retentionQuerySchema) {}
export class CampaignRetentionResponseDto extends createZodDto(retentionResponseSchema) {}
export class CampaignRefreshRollupsRequestDto extends createZodDto(refreshRollupsSchema) {}
export class CampaignRefreshRollupsResponseDto extends createZodDto(refreshRollupsResponseSchema) {}

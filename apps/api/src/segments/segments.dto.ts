import { createZodDto } from 'nestjs-zod';
import {
  completenessQuerySchema,
  completenessResponseSchema,
  consentQuerySchema,
  consentResponseSchema,
  createTierRuleSetRequestSchema,
  createTierRuleSetResponseSchema,
  enqueuedJobResponseSchema,
  penetrationQuerySchema,
  penetrationResponseSchema,
  saveSegmentRequestSchema,
  segmentListSchema,
  segmentPreviewRequestSchema,
  segmentPreviewResponseSchema,
  segmentSchema,
  tierBreakdownQuerySchema,
  tierBreakdownResponseSchema,
  tierCountsQuerySchema,
  tierCountsResponseSchema,
  tierMigrationQuerySchema,
  tierMigrationResponseSchema,
  tierRuleSetListSchema,
} from '@banca/contracts';

export class TierCountsQueryDto extends createZodDto(tierCountsQuerySchema) {}
export class TierCountsResponseDto extends createZodDto(tierCountsResponseSchema) {}
export class TierBreakdownQueryDto extends createZodDto(tierBreakdownQuerySchema) {}
export class TierBreakdownResponseDto extends createZodDto(tierBreakdownResponseSchema) {}
export class TierMigrationQueryDto extends createZodDto(tierMigrationQuerySchema) {}
export class TierMigrationResponseDto extends createZodDto(tierMigrationResponseSchema) {}
export class PenetrationQueryDto extends createZodDto(penetrationQuerySchema) {}
export class PenetrationResponseDto extends createZodDto(penetrationResponseSchema) {}
export class CompletenessQueryDto extends createZodDto(completenessQuerySchema) {}
export class CompletenessResponseDto extends createZodDto(completenessResponseSchema) {}
export class ConsentQueryDto extends createZodDto(consentQuerySchema) {}
export class ConsentResponseDto extends createZodDto(consentResponseSchema) {}
export class TierRuleSetListResponseDto extends createZodDto(tierRuleSetListSchema) {}
export class CreateTierRuleSetRequestDto extends createZodDto(createTierRuleSetRequestSchema) {}
export class CreateTierRuleSetResponseDto extends createZodDto(createTierRuleSetResponseSchema) {}
export class RetierResponseDto extends createZodDto(enqueuedJobResponseSchema) {}
export class SaveSegmentRequestDto extends createZodDto(saveSegmentRequestSchema) {}
export class SegmentResponseDto extends createZodDto(segmentSchema) {}
export class SegmentListResponseDto extends createZodDto(segmentListSchema) {}
export class SegmentPreviewRequestDto extends createZodDto(segmentPreviewRequestSchema) {}
export class SegmentPreviewResponseDto extends createZodDto(segmentPreviewResponseSchema) {}

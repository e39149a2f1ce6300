import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  addEvidenceRequestSchema,
  addEvidenceResponseSchema,
  bulkFindingDecisionRequestSchema,
  bulkFindingDecisionResponseSchema,
  evidenceListResponseSchema,
  evidenceSchema,
  exportFormatSchema,
  findingDecisionRequestSchema,
  findingDetailSchema,
  findingListQuerySchema,
  findingListResponseSchema,
  revokeEvidenceRequestSchema,
} from '@banca/contracts';

/** The queue's filters without paging, and the file format (CSV unless asked). */
export const findingExportQuerySchema = findingListQuerySchema
  .omit({ page: true, pageSize: true })
  .extend({ format: exportFormatSchema.default('csv') });

export const findingIdSchema = z.uuid();
export const evidenceIdSchema = z.uuid();
export const saleIdSchema = z.string().trim().min(1).max(100);

export class FindingListQueryDto extends createZodDto(findingListQuerySchema) {}
export class FindingListResponseDto extends createZodDto(findingListResponseSchema) {}
export class FindingExportQueryDto extends createZodDto(findingExportQuerySchema) {}
export class FindingDetailResponseDto extends createZodDto(findingDetailSchema) {}
export class FindingDecisionRequestDto extends createZodDto(findingDecisionRequestSchema) {}
export class BulkFindingDecisionRequestDto extends createZodDto(bulkFindingDecisionRequestSchema) {}
export class BulkFindingDecisionResponseDto extends createZodDto(bulkFindingDecisionResponseSchema) {}
export class AddEvidenceRequestDto extends createZodDto(addEvidenceRequestSchema) {}
export class AddEvidenceResponseDto extends createZodDto(addEvidenceResponseSchema) {}
export class RevokeEvidenceRequestDto extends createZodDto(revokeEvidenceRequestSchema) {}
export class EvidenceResponseDto extends createZodDto(evidenceSchema) {}
export class EvidenceListResponseDto extends createZodDto(evidenceListResponseSchema) {}

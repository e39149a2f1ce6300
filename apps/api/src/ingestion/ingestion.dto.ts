import { createZodDto } from 'nestjs-zod';
import {
  ingestionRejectListSchema,
  ingestionRunListSchema,
  ingestionRunSchema,
  listIngestionsQuerySchema,
  listRejectsQuerySchema,
} from '@banca/contracts';

export class IngestionRunResponseDto extends createZodDto(ingestionRunSchema) {}
export class IngestionRunListResponseDto extends createZodDto(ingestionRunListSchema) {}
export class ListIngestionsQueryDto extends createZodDto(listIngestionsQuerySchema) {}
export class ListRejectsQueryDto extends createZodDto(listRejectsQuerySchema) {}
export class IngestionRejectListResponseDto extends createZodDto(ingestionRejectListSchema) {}

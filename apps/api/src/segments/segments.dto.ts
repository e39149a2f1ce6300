import { createZodDto } from 'nestjs-zod';
import { tierCountsQuerySchema, tierCountsResponseSchema } from '@banca/contracts';

export class TierCountsQueryDto extends createZodDto(tierCountsQuerySchema) {}
export class TierCountsResponseDto extends createZodDto(tierCountsResponseSchema) {}

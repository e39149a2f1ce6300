import { createZodDto } from 'nestjs-zod';
import { conversionQuerySchema, conversionResponseSchema } from '@banca/contracts';

export class ConversionQueryDto extends createZodDto(conversionQuerySchema) {}
export class ConversionResponseDto extends createZodDto(conversionResponseSchema) {}

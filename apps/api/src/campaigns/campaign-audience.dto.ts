import { createZodDto } from 'nestjs-zod';
import { audienceMembersQuerySchema, audienceMembersResponseSchema } from '@banca/contracts';

export class AudienceMembersQueryDto extends createZodDto(audienceMembersQuerySchema) {}
export class AudienceMembersResponseDto extends createZodDto(audienceMembersResponseSchema) {}

import { createZodDto } from 'nestjs-zod';
import { enqueuedJobResponseSchema, jobStatusResponseSchema, pingJobRequestSchema } from '@banca/contracts';

export class PingJobRequestDto extends createZodDto(pingJobRequestSchema) {}
export class EnqueuedJobResponseDto extends createZodDto(enqueuedJobResponseSchema) {}
export class JobStatusResponseDto extends createZodDto(jobStatusResponseSchema) {}

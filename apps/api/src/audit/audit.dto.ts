import { createZodDto } from 'nestjs-zod';
import { auditLogExportQuerySchema, auditLogListResponseSchema, auditLogQuerySchema } from '@banca/contracts';

export class AuditLogQueryDto extends createZodDto(auditLogQuerySchema) {}
export class AuditLogExportQueryDto extends createZodDto(auditLogExportQuerySchema) {}
export class AuditLogListResponseDto extends createZodDto(auditLogListResponseSchema) {}

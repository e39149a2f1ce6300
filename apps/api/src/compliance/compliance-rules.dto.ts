import { createZodDto } from 'nestjs-zod';
import {
  complianceRuleSetListSchema,
  complianceScanListSchema,
  createComplianceRuleSetRequestSchema,
  createComplianceRuleSetResponseSchema,
  enqueuedJobResponseSchema,
} from '@banca/contracts';

export class ComplianceRuleSetListResponseDto extends createZodDto(complianceRuleSetListSchema) {}
export class CreateComplianceRuleSetRequestDto extends createZodDto(createComplianceRuleSetRequestSchema) {}
export class CreateComplianceRuleSetResponseDto extends createZodDto(createComplianceRuleSetResponseSchema) {}
export class ComplianceScanListResponseDto extends createZodDto(complianceScanListSchema) {}
export class ComplianceScanRequestResponseDto extends createZodDto(enqueuedJobResponseSchema) {}

import { createZodDto } from 'nestjs-zod';
import {
  alertListQuerySchema,
  alertListResponseSchema,
  branchRuleHeatmapResponseSchema,
  complianceFiguresQuerySchema,
  dimensionFiguresQuerySchema,
  dimensionFiguresResponseSchema,
  mismatchTrendResponseSchema,
} from '@banca/contracts';

export class ComplianceFiguresQueryDto extends createZodDto(complianceFiguresQuerySchema) {}
export class DimensionFiguresQueryDto extends createZodDto(dimensionFiguresQuerySchema) {}
export class MismatchTrendResponseDto extends createZodDto(mismatchTrendResponseSchema) {}
export class BranchRuleHeatmapResponseDto extends createZodDto(branchRuleHeatmapResponseSchema) {}
export class DimensionFiguresResponseDto extends createZodDto(dimensionFiguresResponseSchema) {}
export class AlertListQueryDto extends createZodDto(alertListQuerySchema) {}
export class AlertListResponseDto extends createZodDto(alertListResponseSchema) {}

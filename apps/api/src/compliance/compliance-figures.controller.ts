import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  alertListQuerySchema,
  complianceFiguresQuerySchema,
  dimensionFiguresQuerySchema,
  parseInput,
  type AlertListResponse,
  type BranchRuleHeatmapResponse,
  type DimensionFiguresResponse,
  type MismatchTrendResponse,
} from '@banca/contracts';
import { ComplianceAlertService, ComplianceFiguresService } from '@banca/compliance';
import { Roles } from '../common/auth.decorators';
import { download, JsonOrDownload } from '../common/table-download';
import {
  AlertListQueryDto,
  AlertListResponseDto,
  BranchRuleHeatmapResponseDto,
  ComplianceFiguresQueryDto,
  DimensionFiguresQueryDto,
  DimensionFiguresResponseDto,
  MismatchTrendResponseDto,
} from './compliance-figures.dto';

const READERS = ['admin', 'manager', 'compliance'] as const;

const TrendResponse = JsonOrDownload(ZodResponse({ type: MismatchTrendResponseDto }) as MethodDecorator);
const HeatmapResponse = JsonOrDownload(ZodResponse({ type: BranchRuleHeatmapResponseDto }) as MethodDecorator);
const DimensionResponse = JsonOrDownload(ZodResponse({ type: DimensionFiguresResponseDto }) as MethodDecorator);
const AlertsResponse = JsonOrDownload(ZodResponse({ type: AlertListResponseDto }) as MethodDecorator);

/** Compliance figures and alerts for the dashboard, each also a CSV (formula-safe) or Arrow download. */
@ApiTags('compliance')
@Controller('compliance')
export class ComplianceFiguresController {
  constructor(
    private readonly figures: ComplianceFiguresService,
    private readonly alerts: ComplianceAlertService,
  ) {}

  /** Mismatch rate per month of sale, by severity and by rule (default: the last 12 months). */
  @Get('figures/mismatch-trend')
  @Roles(...READERS)
  @TrendResponse
  async mismatchTrend(@Query() query: ComplianceFiguresQueryDto): Promise<MismatchTrendResponse | StreamableFile> {
    const q = parseInput(complianceFiguresQuerySchema, query, 'query');
    return q.format ? download(await this.figures.exportMismatchTrend(q, q.format)) : this.figures.mismatchTrend(q);
  }

  /** Findings per branch and rule, with the share of the branch's sales each rule caught. */
  @Get('figures/branch-rule-heatmap')
  @Roles(...READERS)
  @HeatmapResponse
  async branchRuleHeatmap(@Query() query: ComplianceFiguresQueryDto): Promise<BranchRuleHeatmapResponse | StreamableFile> {
    const q = parseInput(complianceFiguresQuerySchema, query, 'query');
    return q.format ? download(await this.figures.exportBranchRuleHeatmap(q, q.format)) : this.figures.branchRuleHeatmap(q);
  }

  /** Mismatch, cooling-off cancellations, mis-selling complaints and complaint ratios per branch, staff, product or campaign. */
  @Get('figures/by-dimension')
  @Roles(...READERS)
  @DimensionResponse
  async byDimension(@Query() query: DimensionFiguresQueryDto): Promise<DimensionFiguresResponse | StreamableFile> {
    const q = parseInput(dimensionFiguresQuerySchema, query, 'query');
    return q.format ? download(await this.figures.exportByDimension(q, q.format)) : this.figures.byDimension(q);
  }

  /** What crossed which threshold when, active alerts first. */
  @Get('alerts')
  @Roles(...READERS)
  @AlertsResponse
  async alertList(@Query() query: AlertListQueryDto): Promise<AlertListResponse | StreamableFile> {
    const q = parseInput(alertListQuerySchema, query, 'query');
    return q.format ? download(await this.alerts.exportAlerts(q, q.format)) : this.alerts.listAlerts(q);
  }
}

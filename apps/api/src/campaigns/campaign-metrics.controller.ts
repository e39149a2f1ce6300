import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  breakdownQuerySchema,
  campaignParamsSchema,
  parseInput,
  refreshRollupsSchema,
  retentionQuerySchema,
  trendQuerySchema,
  type BreakdownResponse,
  type CampaignListDto,
  type CampaignMetricsDto,
  type OverviewResponse,
  type RetentionResponse,
  type TrendResponse,
} from '@banca/contracts';
import { CampaignMetricsService } from '@banca/campaigns';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { download, JsonOrDownload } from '../common/table-download';
import {
  campaignListDownloadQuerySchema,
  CampaignBreakdownQueryDto,
  CampaignBreakdownResponseDto,
  CampaignListQueryDto,
  CampaignListResponseDto,
  CampaignMetricsResponseDto,
  CampaignOverviewQueryDto,
  CampaignOverviewResponseDto,
  CampaignRefreshRollupsRequestDto,
  CampaignRefreshRollupsResponseDto,
  CampaignRetentionQueryDto,
  CampaignRetentionResponseDto,
  CampaignTrendQueryDto,
  CampaignTrendResponseDto,
  overviewDownloadQuerySchema,
} from './campaign-metrics.dto';

/** apps/api/src/common/access-matrix.ts: every role reads campaign figures; planners refresh them. */
const READERS = ['admin', 'marketing', 'manager', 'compliance'] as const;
const PLANNERS = ['admin', 'marketing'] as const;

const ListResponse = JsonOrDownload(ZodResponse({ type: CampaignListResponseDto }) as MethodDecorator);
const OverviewResponseOrFile = JsonOrDownload(ZodResponse({ type: CampaignOverviewResponseDto }) as MethodDecorator);
const BreakdownResponseOrFile = JsonOrDownload(ZodResponse({ type: CampaignBreakdownResponseDto }) as MethodDecorator);
const TrendResponseOrFile = JsonOrDownload(ZodResponse({ type: CampaignTrendResponseDto }) as MethodDecorator);
const RetentionResponseOrFile = JsonOrDownload(ZodResponse({ type: CampaignRetentionResponseDto }) as MethodDecorator);

const campaignCode = (code: string) => parseInput(campaignParamsSchema, { code }, 'campaign code').code;

/**
 * Campaign figures from the rollup tables (each response says when its rollup was refreshed), each
 * table also a CSV (formula-safe) or Arrow download, and the on-demand refresh. Listed first in
 * CampaignsHttpModule: `overview` and `rollups/refresh` must match before `:code`.
 */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignMetricsController {
  constructor(private readonly metrics: CampaignMetricsService) {}

  /** Every campaign with status, audience, conversion per arm, uplift and spend against budget. */
  @Get()
  @Roles(...READERS)
  @ListResponse
  async list(@Query() query: CampaignListQueryDto): Promise<CampaignListDto | StreamableFile> {
    const q = parseInput(campaignListDownloadQuerySchema, query, 'query');
    return q.format ? download(await this.metrics.exportList(q, q.format)) : this.metrics.list(q);
  }

  /** KPI cards across running (or all launched) campaigns, before → after per campaign, trends by tier and channel. */
  @Get('overview')
  @Roles(...READERS)
  @OverviewResponseOrFile
  async overview(@Query() query: CampaignOverviewQueryDto): Promise<OverviewResponse | StreamableFile> {
    const q = parseInput(overviewDownloadQuerySchema, query, 'query');
    return q.format ? download(await this.metrics.exportOverviewBeforeAfter(q, q.format)) : this.metrics.overview(q);
  }

  /** Refresh the figures of every campaign (or the listed ones) now; poll the job for the outcome. */
  @Post('rollups/refresh')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ZodResponse({ status: HttpStatus.ACCEPTED, type: CampaignRefreshRollupsResponseDto })
  refresh(@Body() body: CampaignRefreshRollupsRequestDto, @CurrentActor() actor: Actor): Promise<{ jobId: string }> {
    return this.metrics.requestRefresh(parseInput(refreshRollupsSchema, body ?? {}, 'refresh request'), actor);
  }

  /** Funnel, conversion per arm with intervals, uplift, sample ratio, money against budget, goal and both arms' outcomes. */
  @Get(':code/metrics')
  @Roles(...READERS)
  @ZodResponse({ type: CampaignMetricsResponseDto })
  campaignMetrics(@Param('code') code: string): Promise<CampaignMetricsDto> {
    return this.metrics.metrics(campaignCode(code));
  }

  /** The campaign's figures per tier, branch, region, channel, staff or product. */
  @Get(':code/metrics/breakdown')
  @Roles(...READERS)
  @BreakdownResponseOrFile
  async breakdown(@Param('code') code: string, @Query() query: CampaignBreakdownQueryDto): Promise<BreakdownResponse | StreamableFile> {
    const c = campaignCode(code);
    const q = parseInput(breakdownQuerySchema, query, 'query');
    return q.format ? download(await this.metrics.exportBreakdown(c, q.by, q.format)) : this.metrics.breakdown(c, q.by);
  }

  /** Per day, week or month: events, conversions with the cumulative rate, money, and the cumulative uplift. */
  @Get(':code/metrics/trend')
  @Roles(...READERS)
  @TrendResponseOrFile
  async trend(@Param('code') code: string, @Query() query: CampaignTrendQueryDto): Promise<TrendResponse | StreamableFile> {
    const c = campaignCode(code);
    const q = parseInput(trendQuerySchema, query, 'query');
    return q.format ? download(await this.metrics.exportTrend(c, q.grain, q.format)) : this.metrics.trend(c, q.grain);
  }

  /** 13-month persistency and AUM retention curves per arm. */
  @Get(':code/metrics/retention')
  @Roles(...READERS)
  @RetentionResponseOrFile
  async retention(@Param('code') code: string, @Query() query: CampaignRetentionQueryDto): Promise<RetentionResponse | StreamableFile> {
    const c = campaignCode(code);
    const q = parseInput(retentionQuerySchema, query, 'query');
    return q.format ? download(await this.metrics.exportRetention(c, q.format)) : this.metrics.retention(c);
  }
}

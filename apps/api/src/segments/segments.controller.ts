import { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  completenessQuerySchema,
  consentQuerySchema,
  createTierRuleSetRequestSchema,
  parseInput,
  penetrationQuerySchema,
  saveSegmentRequestSchema,
  segmentParamsSchema,
  segmentPreviewRequestSchema,
  tierBreakdownQuerySchema,
  tierCountsQuerySchema,
  tierMigrationQuerySchema,
  type CompletenessResponse,
  type ConsentResponse,
  type CreateTierRuleSetResponse,
  type EnqueuedJobResponse,
  type PenetrationResponse,
  type SegmentDto,
  type SegmentListDto,
  type SegmentPreviewResponse,
  type TierBreakdownResponse,
  type TierCountsResponse,
  type TierMigrationResponse,
  type TierRuleSetListDto,
} from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { SegmentService, TierFiguresService, TierService, type SegmentExport } from '@banca/segmentation';
import { CurrentActor, Roles } from '../common/auth.decorators';
import {
  CompletenessQueryDto,
  CompletenessResponseDto,
  ConsentQueryDto,
  ConsentResponseDto,
  CreateTierRuleSetRequestDto,
  CreateTierRuleSetResponseDto,
  PenetrationQueryDto,
  PenetrationResponseDto,
  RetierResponseDto,
  SaveSegmentRequestDto,
  SegmentListResponseDto,
  SegmentPreviewRequestDto,
  SegmentPreviewResponseDto,
  SegmentResponseDto,
  TierBreakdownQueryDto,
  TierBreakdownResponseDto,
  TierCountsQueryDto,
  TierCountsResponseDto,
  TierMigrationQueryDto,
  TierMigrationResponseDto,
  TierRuleSetListResponseDto,
} from './segments.dto';

const READERS = ['admin', 'marketing', 'manager', 'compliance'] as const;
const SEGMENT_WRITERS = ['admin', 'marketing'] as const;

const segmentId = (id: string) => parseInput(segmentParamsSchema, { id }, 'segment id').id;

function download(file: SegmentExport): StreamableFile {
  return new StreamableFile(Readable.from(file.body), {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}

/**
 * Tiers (rule versions, re-tiering, dashboard figures) and saved segments. Fixed paths come before
 * `:id`, which would otherwise take them.
 */
@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly tiers: TierService,
    private readonly figures: TierFiguresService,
    private readonly segments: SegmentService,
  ) {}

  /** Customers per tier (hnw, middle, basic; zero when none), optionally for one region and branch. */
  @Get('tiers')
  @Roles(...READERS)
  @ZodResponse({ type: TierCountsResponseDto })
  tierCounts(@Query() query: TierCountsQueryDto): Promise<TierCountsResponse> {
    return this.tiers.tierCounts(parseInput(tierCountsQuerySchema, query, 'query'));
  }

  /** Current tiers per region or per branch. */
  @Get('tiers/breakdown')
  @Roles(...READERS)
  @ZodResponse({ type: TierBreakdownResponseDto })
  tierBreakdown(@Query() query: TierBreakdownQueryDto): Promise<TierBreakdownResponse> {
    return this.figures.breakdown(parseInput(tierBreakdownQuerySchema, query, 'query'));
  }

  /** Tier on one date against tier on another, per customer, from tier history. */
  @Get('tiers/migration')
  @Roles(...READERS)
  @ZodResponse({ type: TierMigrationResponseDto })
  tierMigration(@Query() query: TierMigrationQueryDto): Promise<TierMigrationResponse> {
    return this.figures.migration(parseInput(tierMigrationQuerySchema, query, 'query'));
  }

  /** Every tier rule version, newest first, with the one in force today. */
  @Get('tier-rules')
  @Roles(...READERS)
  @ZodResponse({ type: TierRuleSetListResponseDto })
  tierRules(): Promise<TierRuleSetListDto> {
    return this.tiers.listRuleSets();
  }

  /** A new tier rule version from its effective date; customers are re-tiered by a job. */
  @Post('tier-rules')
  @Roles('admin')
  @ZodResponse({ status: HttpStatus.CREATED, type: CreateTierRuleSetResponseDto })
  createTierRules(@Body() body: CreateTierRuleSetRequestDto, @CurrentActor() actor: Actor): Promise<CreateTierRuleSetResponse> {
    return this.tiers.createRuleSet(parseInput(createTierRuleSetRequestSchema, body, 'tier rules'), actor);
  }

  /** Re-tier every customer now; poll the job for the outcome. */
  @Post('retier')
  @Roles('admin', 'marketing')
  @HttpCode(HttpStatus.ACCEPTED)
  @ZodResponse({ status: HttpStatus.ACCEPTED, type: RetierResponseDto })
  retier(@CurrentActor() actor: Actor): Promise<EnqueuedJobResponse> {
    return this.tiers.requestRetierBy(actor);
  }

  /** Share of each tier holding an active insurance sale on a date (default today). */
  @Get('penetration')
  @Roles(...READERS)
  @ZodResponse({ type: PenetrationResponseDto })
  penetration(@Query() query: PenetrationQueryDto): Promise<PenetrationResponse> {
    return this.figures.penetration(parseInput(penetrationQuerySchema, query, 'query'));
  }

  /** Customers missing income, investable assets or risk level, overall and per tier. */
  @Get('completeness')
  @Roles(...READERS)
  @ZodResponse({ type: CompletenessResponseDto })
  completeness(@Query() query: CompletenessQueryDto): Promise<CompletenessResponse> {
    return this.figures.completeness(parseInput(completenessQuerySchema, query, 'query'));
  }

  /** Consent counts: customers without data-sharing consent are kept out of cross-partner use. */
  @Get('consent')
  @Roles(...READERS)
  @ZodResponse({ type: ConsentResponseDto })
  consent(@Query() query: ConsentQueryDto): Promise<ConsentResponse> {
    return this.figures.consent(parseInput(consentQuerySchema, query, 'query'));
  }

  /** What a rule selects: member count, customers excluded for consent, a pseudonymous sample. */
  @Post('preview')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: SegmentPreviewResponseDto })
  preview(@Body() body: SegmentPreviewRequestDto): Promise<SegmentPreviewResponse> {
    return this.segments.preview(parseInput(segmentPreviewRequestSchema, body, 'preview'));
  }

  @Get()
  @Roles(...READERS)
  @ZodResponse({ type: SegmentListResponseDto })
  list(): Promise<SegmentListDto> {
    return this.segments.list();
  }

  @Post()
  @Roles(...SEGMENT_WRITERS)
  @ZodResponse({ status: HttpStatus.CREATED, type: SegmentResponseDto })
  create(@Body() body: SaveSegmentRequestDto, @CurrentActor() actor: Actor): Promise<SegmentDto> {
    return this.segments.create(parseInput(saveSegmentRequestSchema, body, 'segment'), actor);
  }

  /** Members with data-sharing consent as CSV (formula-safe cells), streamed. */
  @Get(':id/members.csv')
  @Roles(...READERS)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM, one line per member' })
  async membersCsv(@Param('id') id: string): Promise<StreamableFile> {
    return download(await this.segments.exportMembers(segmentId(id), 'csv'));
  }

  /** Members with data-sharing consent as an Arrow IPC stream, one record batch per page. */
  @Get(':id/members.arrow')
  @Roles(...READERS)
  @ApiProduces('application/vnd.apache.arrow.stream')
  @ApiOkResponse({ description: 'Arrow IPC stream' })
  async membersArrow(@Param('id') id: string): Promise<StreamableFile> {
    return download(await this.segments.exportMembers(segmentId(id), 'arrow'));
  }

  @Get(':id')
  @Roles(...READERS)
  @ZodResponse({ type: SegmentResponseDto })
  get(@Param('id') id: string): Promise<SegmentDto> {
    return this.segments.get(segmentId(id));
  }

  @Put(':id')
  @Roles(...SEGMENT_WRITERS)
  @ZodResponse({ type: SegmentResponseDto })
  update(@Param('id') id: string, @Body() body: SaveSegmentRequestDto, @CurrentActor() actor: Actor): Promise<SegmentDto> {
    return this.segments.update(segmentId(id), parseInput(saveSegmentRequestSchema, body, 'segment'), actor);
  }

  @Delete(':id')
  @Roles(...SEGMENT_WRITERS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.segments.delete(segmentId(id), actor);
  }
}

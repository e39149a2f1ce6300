import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CampaignOutcomeService, CampaignService, parseCampaignPatch } from '@banca/campaigns';
import {
  campaignParamsSchema,
  campaignPlanSchema,
  parseInput,
  recordCampaignEventSchema,
  recordSpendSchema,
  type CampaignDto,
  type LaunchCampaignResponse,
  type RecordOutcomeResponse,
  type SpendListDto,
} from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import {
  CampaignPatchRequestDto,
  CampaignPlanRequestDto,
  CampaignResponseDto,
  CancelCampaignRequestDto,
  LaunchCampaignResponseDto,
  RecordCampaignEventRequestDto,
  RecordOutcomeResponseDto,
  RecordSpendRequestDto,
  SpendListResponseDto,
} from './campaigns.dto';

/** apps/api/src/common/access-matrix.ts: every role reads campaigns; planners (and data loaders) change them. */
const READERS = ['admin', 'marketing', 'manager', 'compliance'] as const;
const PLANNERS = ['admin', 'marketing'] as const;
const DATA_LOADERS = ['admin', 'marketing'] as const;

const campaignCode = (code: string) => parseInput(campaignParamsSchema, { code }, 'campaign code').code;

/**
 * Campaign planning and lifecycle: drafts, edits (audience fields locked after launch), the launch that
 * builds the audience as a job, cancel and manual completion, spend against budget, and campaign events
 * one at a time. Listed after CampaignMetricsController in CampaignsHttpModule (its fixed paths first).
 */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly outcomes: CampaignOutcomeService,
  ) {}

  /** A new draft campaign: the plan's fields checked one by one and across (dates in order, budget lines, holdout ≤ 50 %). */
  @Post()
  @Roles(...PLANNERS)
  @ZodResponse({ status: HttpStatus.CREATED, type: CampaignResponseDto })
  create(@Body() body: CampaignPlanRequestDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    return this.campaigns.create(parseInput(campaignPlanSchema, body, 'campaign plan'), actor);
  }

  /** The plan, status, audience summary, window end and what stands between the plan and its launch. */
  @Get(':code')
  @Roles(...READERS)
  @ZodResponse({ type: CampaignResponseDto })
  get(@Param('code') code: string): Promise<CampaignDto> {
    return this.campaigns.get(campaignCode(code));
  }

  /** Changes plan fields; after launch the audience fields are locked; completed and cancelled campaigns are read-only. */
  @Patch(':code')
  @Roles(...PLANNERS)
  @ApiBody({ type: CampaignPatchRequestDto })
  @ZodResponse({ type: CampaignResponseDto })
  update(@Param('code') code: string, @Body() body: unknown, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    return this.campaigns.update(campaignCode(code), parseCampaignPatch(body), actor);
  }

  /** Launches the campaign: its audience is built by a job (poll the campaign or the job). */
  @Post(':code/launch')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ZodResponse({ status: HttpStatus.ACCEPTED, type: LaunchCampaignResponseDto })
  launch(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<LaunchCampaignResponse> {
    return this.campaigns.launch(campaignCode(code), actor);
  }

  /** Cancels a campaign that is not over, with the reason; its audience and figures are kept. */
  @Post(':code/cancel')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: CampaignResponseDto })
  cancel(@Param('code') code: string, @Body() body: CancelCampaignRequestDto, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    return this.campaigns.cancel(campaignCode(code), body.reason, actor);
  }

  /** Ends a running campaign now, before its window is over. */
  @Post(':code/complete')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: CampaignResponseDto })
  complete(@Param('code') code: string, @CurrentActor() actor: Actor): Promise<CampaignDto> {
    return this.campaigns.complete(campaignCode(code), actor);
  }

  /** Recorded spend per budget line, plus offer redemptions × their cost, against the budget. */
  @Get(':code/spend')
  @Roles(...READERS)
  @ZodResponse({ type: SpendListResponseDto })
  spend(@Param('code') code: string): Promise<SpendListDto> {
    return this.campaigns.listSpend(campaignCode(code));
  }

  /** Records money spent on a budget line; answers the campaign's spend list. */
  @Post(':code/spend')
  @Roles(...PLANNERS)
  @ZodResponse({ status: HttpStatus.CREATED, type: SpendListResponseDto })
  recordSpend(@Param('code') code: string, @Body() body: RecordSpendRequestDto, @CurrentActor() actor: Actor): Promise<SpendListDto> {
    return this.campaigns.recordSpend(campaignCode(code), parseInput(recordSpendSchema, body, 'spend'), actor);
  }

  /** One campaign event (contacted, responded, opted out, offer redeemed); the customer id is pseudonymised on arrival. */
  @Post(':code/events')
  @Roles(...DATA_LOADERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: RecordOutcomeResponseDto })
  recordEvent(@Param('code') code: string, @Body() body: RecordCampaignEventRequestDto, @CurrentActor() actor: Actor): Promise<RecordOutcomeResponse> {
    return this.outcomes.recordEvent(campaignCode(code), parseInput(recordCampaignEventSchema, body, 'campaign event'), actor);
  }
}

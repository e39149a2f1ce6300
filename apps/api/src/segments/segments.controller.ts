import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { parseInput, tierCountsQuerySchema, type TierCountsResponse } from '@banca/contracts';
import { TierService } from '@banca/segmentation';
import { Roles } from '../common/auth.decorators';
import { TierCountsQueryDto, TierCountsResponseDto } from './segments.dto';

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly tiers: TierService) {}

  /** Customers per tier (hnw, middle, basic; zero when none), optionally for one region and branch. */
  @Get('tiers')
  @Roles('admin', 'marketing', 'manager', 'compliance')
  @ZodResponse({ type: TierCountsResponseDto })
  tierCounts(@Query() query: TierCountsQueryDto): Promise<TierCountsResponse> {
    return this.tiers.tierCounts(parseInput(tierCountsQuerySchema, query, 'query'));
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { conversionParamsSchema, conversionQuerySchema, parseInput, type ConversionResponse } from '@banca/contracts';
import { ConversionService } from '@banca/analytics';
import { Roles } from '../common/auth.decorators';
import { ConversionQueryDto, ConversionResponseDto } from './analytics.dto';

/** Campaign figures computed from the canonical tables (DATA.md metric definitions). */
@ApiTags('analytics')
@Controller('campaigns')
export class AnalyticsController {
  constructor(private readonly conversion: ConversionService) {}

  /** Conversion of a campaign's audience per arm, overall and by channel, previous outcome or age band. */
  @Get(':code/conversion')
  @Roles('admin', 'marketing', 'manager', 'compliance')
  @ZodResponse({ type: ConversionResponseDto })
  campaignConversion(@Param('code') code: string, @Query() query: ConversionQueryDto): Promise<ConversionResponse> {
    const params = parseInput(conversionParamsSchema, { code }, 'campaign code');
    return this.conversion.conversion(params.code, parseInput(conversionQuerySchema, query, 'query'));
  }
}

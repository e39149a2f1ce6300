import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CampaignOutcomeService } from '@banca/campaigns';
import { parseInput, recordSaleSchema, type RecordOutcomeResponse } from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { RecordOutcomeResponseDto, RecordSaleRequestDto } from './campaigns.dto';

/** apps/api/src/common/access-matrix.ts: those who load data record sales. */
const DATA_LOADERS = ['admin', 'marketing'] as const;

/** Sales and policies one at a time, for integrations (the fields of a sales file). */
@ApiTags('campaigns')
@Controller('sales')
export class SalesController {
  constructor(private readonly outcomes: CampaignOutcomeService) {}

  /**
   * One sale, keyed by its sale id as in a file: created, updated or unchanged. The customer id is
   * pseudonymised on arrival and never stored or echoed; the customer's sales are re-checked by the
   * compliance rules and the campaigns it touches are refreshed.
   */
  @Post()
  @Roles(...DATA_LOADERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: RecordOutcomeResponseDto })
  record(@Body() body: RecordSaleRequestDto, @CurrentActor() actor: Actor): Promise<RecordOutcomeResponse> {
    return this.outcomes.recordSale(parseInput(recordSaleSchema, body, 'sale'), actor);
  }
}

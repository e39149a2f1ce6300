import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CampaignAudienceService } from '@banca/campaigns';
import { audienceMembersQuerySchema, campaignParamsSchema, parseInput, type AudienceMembersResponse } from '@banca/contracts';
import { ROLES } from '@banca/domain';
import { Roles } from '../common/auth.decorators';
import { download, JsonOrDownload } from '../common/table-download';
import { AudienceMembersQueryDto, AudienceMembersResponseDto } from './campaign-audience.dto';

/** JSON, or with ?format=csv|arrow a download. */
const MembersResponse = JsonOrDownload(ZodResponse({ type: AudienceMembersResponseDto }) as MethodDecorator);

/** The (pseudonymised) customers behind a campaign's figures: drill-down and export. */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignAudienceController {
  constructor(private readonly audience: CampaignAudienceService) {}

  /**
   * Audience members by arm (or excluded, by reason), tier, branch, region and converted, paged; as CSV
   * (formula-safe) or Arrow IPC with ?format. Customers appear only as a 12-character reference.
   */
  @Get(':code/audience/members')
  @Roles(...ROLES)
  @MembersResponse
  async members(@Param('code') code: string, @Query() query: AudienceMembersQueryDto): Promise<AudienceMembersResponse | StreamableFile> {
    const params = parseInput(campaignParamsSchema, { code }, 'campaign code');
    const q = parseInput(audienceMembersQuerySchema, query, 'query');
    if (q.format) {
      const { format, page: _page, pageSize: _pageSize, ...filters } = q;
      return download(await this.audience.exportMembers(params.code, filters, format));
    }
    return this.audience.members(params.code, q);
  }
}

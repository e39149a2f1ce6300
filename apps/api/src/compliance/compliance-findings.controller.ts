import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { EvidenceService, FindingReviewService } from '@banca/compliance';
import {
  addEvidenceRequestSchema,
  bulkFindingDecisionRequestSchema,
  findingDecisionRequestSchema,
  findingListQuerySchema,
  parseInput,
  revokeEvidenceRequestSchema,
  type AddEvidenceResponse,
  type BulkFindingDecisionResponse,
  type EvidenceDto,
  type EvidenceListResponse,
  type FindingDetailDto,
  type FindingListResponse,
} from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { download } from '../common/table-download';
import {
  AddEvidenceRequestDto,
  AddEvidenceResponseDto,
  BulkFindingDecisionRequestDto,
  BulkFindingDecisionResponseDto,
  evidenceIdSchema,
  EvidenceListResponseDto,
  EvidenceResponseDto,
  FindingDecisionRequestDto,
  FindingDetailResponseDto,
  findingExportQuerySchema,
  FindingExportQueryDto,
  findingIdSchema,
  FindingListQueryDto,
  FindingListResponseDto,
  RevokeEvidenceRequestDto,
  saleIdSchema,
} from './compliance-findings.dto';

const READERS = ['admin', 'manager', 'compliance'] as const;
const REVIEWERS = ['compliance'] as const;

const findingId = (id: string) => parseInput(findingIdSchema, id, 'finding id');

/**
 * The compliance review queue: findings with their detail, decisions (four eyes for high severity),
 * bulk decisions for low and info, evidence on sales, exports. Fixed paths come before `:id`.
 */
@ApiTags('compliance')
@Controller('compliance')
export class ComplianceFindingsController {
  constructor(
    private readonly findings: FindingReviewService,
    private readonly evidence: EvidenceService,
  ) {}

  /** The queue, filtered by severity, rule, status, branch, staff, product, campaign and sale date; paged. */
  @Get('findings')
  @Roles(...READERS)
  @ZodResponse({ type: FindingListResponseDto })
  list(@Query() query: FindingListQueryDto): Promise<FindingListResponse> {
    return this.findings.list(parseInput(findingListQuerySchema, query, 'query'));
  }

  /** Every finding under the same filters as CSV (formula-safe, UTF-8 with BOM) or an Arrow IPC stream. */
  @Get('findings/export')
  @Roles(...READERS)
  @ApiProduces('text/csv', 'application/vnd.apache.arrow.stream')
  @ApiOkResponse({ description: 'CSV or Arrow IPC stream, one row per finding' })
  export(@Query() query: FindingExportQueryDto): StreamableFile {
    const { format, ...filters } = parseInput(findingExportQuerySchema, query, 'query');
    return download(this.findings.exportFindings(filters, format));
  }

  /** The same decision on many low or info findings; each other finding is refused with its reason. */
  @Post('findings/bulk-decisions')
  @Roles(...REVIEWERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: BulkFindingDecisionResponseDto })
  bulkDecide(@Body() body: BulkFindingDecisionRequestDto, @CurrentActor() actor: Actor): Promise<BulkFindingDecisionResponse> {
    return this.findings.bulkDecide(parseInput(bulkFindingDecisionRequestSchema, body, 'bulk decision'), actor);
  }

  /** A finding with its sale, the customer at the sale date, product, rule version, evidence and history. */
  @Get('findings/:id')
  @Roles(...READERS)
  @ZodResponse({ type: FindingDetailResponseDto })
  detail(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<FindingDetailDto> {
    return this.findings.detail(findingId(id), actor);
  }

  /** Approve, reject or escalate, with a reason; a high-severity approval needs a second, different reviewer. */
  @Post('findings/:id/decisions')
  @Roles(...REVIEWERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: FindingDetailResponseDto })
  decide(@Param('id') id: string, @Body() body: FindingDecisionRequestDto, @CurrentActor() actor: Actor): Promise<FindingDetailDto> {
    return this.findings.decide(findingId(id), parseInput(findingDecisionRequestSchema, body, 'decision'), actor);
  }

  /** The evidence attached to a sale, revoked pieces included. */
  @Get('sales/:saleId/evidence')
  @Roles(...READERS)
  @ZodResponse({ type: EvidenceListResponseDto })
  listEvidence(@Param('saleId') saleId: string): Promise<EvidenceListResponse> {
    return this.evidence.list(parseInput(saleIdSchema, saleId, 'sale id'));
  }

  /** Attach a declaration, recording or approval; the sale's findings of the rules it clears are cleared. */
  @Post('sales/:saleId/evidence')
  @Roles(...REVIEWERS)
  @ZodResponse({ status: HttpStatus.CREATED, type: AddEvidenceResponseDto })
  addEvidence(@Param('saleId') saleId: string, @Body() body: AddEvidenceRequestDto, @CurrentActor() actor: Actor): Promise<AddEvidenceResponse> {
    return this.evidence.add(parseInput(saleIdSchema, saleId, 'sale id'), parseInput(addEvidenceRequestSchema, body, 'evidence'), actor);
  }

  /** Revoke evidence (kept, never deleted); the sale's customer is re-checked. */
  @Post('evidence/:id/revoke')
  @Roles(...REVIEWERS)
  @HttpCode(HttpStatus.OK)
  @ZodResponse({ status: HttpStatus.OK, type: EvidenceResponseDto })
  revokeEvidence(@Param('id') id: string, @Body() body: RevokeEvidenceRequestDto, @CurrentActor() actor: Actor): Promise<EvidenceDto> {
    return this.evidence.revoke(parseInput(evidenceIdSchema, id, 'evidence id'), parseInput(revokeEvidenceRequestSchema, body, 'revocation'), actor);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ComplianceRuleSetService, ComplianceScanService } from '@banca/compliance';
import {
  createComplianceRuleSetRequestSchema,
  parseInput,
  type ComplianceRuleSetListDto,
  type ComplianceScanListDto,
  type CreateComplianceRuleSetResponse,
  type EnqueuedJobResponse,
} from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import {
  ComplianceRuleSetListResponseDto,
  ComplianceScanListResponseDto,
  ComplianceScanRequestResponseDto,
  CreateComplianceRuleSetRequestDto,
  CreateComplianceRuleSetResponseDto,
} from './compliance-rules.dto';

const READERS = ['admin', 'manager', 'compliance'] as const;
const RULE_SETTERS = ['admin', 'compliance'] as const;
/** Scans listed by GET /compliance/scans, newest first. */
const LISTED_SCANS = 50;

/** Compliance rule versions (thresholds, severities, the C→R grid) and the scans that apply them. */
@ApiTags('compliance')
@Controller('compliance')
export class ComplianceRulesController {
  constructor(
    private readonly ruleSets: ComplianceRuleSetService,
    private readonly scans: ComplianceScanService,
  ) {}

  /** Every compliance rule version, newest first, with the one in force today and the RULES.md defaults. */
  @Get('rule-sets')
  @Roles(...READERS)
  @ZodResponse({ type: ComplianceRuleSetListResponseDto })
  ruleSetList(): Promise<ComplianceRuleSetListDto> {
    return this.ruleSets.listRuleSets();
  }

  /** A new rule version from its effective date; every sale is re-scanned by a job. */
  @Post('rule-sets')
  @Roles(...RULE_SETTERS)
  @ZodResponse({ status: HttpStatus.CREATED, type: CreateComplianceRuleSetResponseDto })
  createRuleSet(@Body() body: CreateComplianceRuleSetRequestDto, @CurrentActor() actor: Actor): Promise<CreateComplianceRuleSetResponse> {
    return this.ruleSets.createRuleSet(parseInput(createComplianceRuleSetRequestSchema, body, 'compliance rule set'), actor);
  }

  /** Re-check every sale now; poll the job for the outcome. */
  @Post('scans')
  @Roles(...RULE_SETTERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ZodResponse({ status: HttpStatus.ACCEPTED, type: ComplianceScanRequestResponseDto })
  requestScan(@CurrentActor() actor: Actor): Promise<EnqueuedJobResponse> {
    return this.scans.requestScan(actor);
  }

  /** The latest scans, newest first: what triggered each, what it covered and what it changed. */
  @Get('scans')
  @Roles(...READERS)
  @ZodResponse({ type: ComplianceScanListResponseDto })
  scanList(): Promise<ComplianceScanListDto> {
    return this.scans.listScans(LISTED_SCANS);
  }
}

import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { AuditService } from '@banca/audit';
import {
  SEGMENT_PREVIEW_SAMPLE_SIZE,
  segmentRuleSchema,
  type SaveSegmentRequest,
  type SegmentDto,
  type SegmentListDto,
  type SegmentPreviewRequest,
  type SegmentPreviewResponse,
} from '@banca/contracts';
import { ageBand, ConflictError, NotFoundError, type Actor, type SegmentRule } from '@banca/domain';
import { EXPORT_CONTENT_TYPES, type TableExport } from '@banca/exports';
import { membersArrow, membersCsv } from './segment-export.encoders';
import { compileSegmentRule, DEFAULT_SEGMENT_SCOPE, type SegmentSqlScope } from './segment-rule.compiler';
import { SegmentRepository, type SegmentMemberRow, type SegmentRow } from './segment.repository';

export type SegmentExportFormat = 'csv' | 'arrow';

/** A member export, produced while it is read. */
export type SegmentExport = TableExport;

const EXPORT_PAGE_SIZE = 5_000;


/** Saved segments: rule trees compiled to SQL; members always have data-sharing consent. */
@Injectable()
export class SegmentService {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SegmentListDto> {
    return { segments: (await this.segments.list()).map(toDto) };
  }

  async get(id: string): Promise<SegmentDto> {
    return toDto(await this.require(id));
  }

  async create(request: SaveSegmentRequest, actor: Actor): Promise<SegmentDto> {
    const row = await this.segments.insert({ ...toWrite(request), createdBy: actor.userId });
    const dto = toDto(row);
    await this.audit.record({ actor, action: 'segment.create', entityType: 'segment', entityId: row.id, after: dto });
    return dto;
  }

  async update(id: string, request: SaveSegmentRequest, actor: Actor): Promise<SegmentDto> {
    const before = toDto(await this.require(id));
    const row = await this.segments.update(id, toWrite(request));
    if (!row) throw new NotFoundError(`No segment ${id}`);
    const dto = toDto(row);
    await this.audit.record({ actor, action: 'segment.update', entityType: 'segment', entityId: id, before, after: dto });
    return dto;
  }

  async delete(id: string, actor: Actor): Promise<void> {
    const row = await this.segments.delete(id);
    if (!row) throw new NotFoundError(`No segment ${id}`);
    await this.audit.record({ actor, action: 'segment.delete', entityType: 'segment', entityId: id, before: toDto(row) });
  }

  /** How many customers a rule selects, how many consent kept out, and a sample that identifies no one. */
  async preview(request: SegmentPreviewRequest): Promise<SegmentPreviewResponse> {
    const rule = compileSegmentRule(request.rule);
    const [counts, sample] = await Promise.all([
      this.segments.count(rule),
      this.segments.members(rule, { limit: SEGMENT_PREVIEW_SAMPLE_SIZE }),
    ]);
    return { ...counts, sample: sample.map(toSampleMember) };
  }

  /** The members of a saved segment as CSV or Arrow IPC, read page by page as the response is written. */
  async exportMembers(id: string, format: SegmentExportFormat, options: { pageSize?: number } = {}): Promise<SegmentExport> {
    const rule = compileSegmentRule(ruleOf(await this.require(id)));
    const pages = this.pages(rule, options.pageSize ?? EXPORT_PAGE_SIZE);
    return {
      fileName: `segment-${id}-members.${format}`,
      contentType: EXPORT_CONTENT_TYPES[format],
      body: format === 'csv' ? membersCsv(pages) : membersArrow(pages),
    };
  }

  /**
   * The saved segments' rules as one SQL condition, true for a customer in any of them (OR), over the
   * scope's customers row and customer_tiers row, ages on `scope.today`: a campaign target reads it.
   * NotFoundError names a segment that no longer exists; no ids gives FALSE.
   */
  async segmentsWhereSql(ids: readonly string[], scope: SegmentSqlScope = DEFAULT_SEGMENT_SCOPE): Promise<SQL> {
    const unique = [...new Set(ids)];
    const rows = await this.segments.findMany(unique);
    const missing = unique.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length > 0) throw new NotFoundError(`No segment ${missing.join(', ')}`);
    if (rows.length === 0) return sql`FALSE`;
    return sql`(${sql.join(
      rows.map((r) => compileSegmentRule(ruleOf(r), scope)),
      sql` OR `,
    )})`;
  }

  private async *pages(rule: SQL, pageSize: number): AsyncGenerator<SegmentMemberRow[]> {
    let after: string | undefined;
    for (;;) {
      const page = await this.segments.members(rule, { limit: pageSize, after });
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.customerId;
    }
  }

  private async require(id: string): Promise<SegmentRow> {
    const row = await this.segments.find(id);
    if (!row) throw new NotFoundError(`No segment ${id}`);
    return row;
  }
}

function toWrite(request: SaveSegmentRequest) {
  return { name: request.name, description: request.description ?? null, rule: request.rule };
}

/** A stored rule, checked again: a rule saved under older validation must not reach SQL unchecked. */
function ruleOf(row: SegmentRow): SegmentRule {
  const parsed = segmentRuleSchema.safeParse(row.rule);
  if (!parsed.success) throw new ConflictError(`Segment ${row.id} has a rule that is no longer valid; edit and save it again`);
  return parsed.data;
}

function toDto(row: SegmentRow): SegmentDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rule: ruleOf(row),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toSampleMember(m: SegmentMemberRow): SegmentPreviewResponse['sample'][number] {
  return {
    customerRef: m.customerId.slice(0, 12),
    tier: m.tier,
    region: m.region,
    branchCode: m.branchCode,
    gender: m.gender,
    ageBand: ageBand(m.age),
    riskLevel: m.riskLevel,
    payroll: m.payroll,
    hasMortgage: m.hasMortgage,
  };
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import { UserService } from '@banca/auth';
import type {
  BulkFindingDecisionRequest,
  BulkFindingDecisionResponse,
  EvidenceDto,
  FindingDecisionRequest,
  FindingDetailDto,
  FindingListQuery,
  FindingListResponse,
  FindingReviewDto,
  FindingSummaryDto,
} from '@banca/contracts';
import {
  BULK_REVIEW_SEVERITIES,
  ConflictError,
  DomainError,
  FINDING_STATUSES,
  ForbiddenError,
  NotFoundError,
  REVIEW_DECISIONS,
  effectiveProductRisk,
  nextFindingStatus,
  type Actor,
  type FindingStatus,
  type ReviewDecision,
  type Severity,
  wholeYearsBetween,
} from '@banca/domain';
import { tableExport, type ExportColumn, type ExportFormat, type TableExport } from '@banca/exports';
import { EvidenceRepository, type EvidenceRow } from './evidence.repository';
import { FindingRepository, type FindingCursor, type FindingFilter, type FindingReviewRow, type FindingRow, type Reviewer } from './finding.repository';

/** Queue filters of an export: the list's, without paging. */
export type FindingExportQuery = Omit<FindingListQuery, 'page' | 'pageSize'>;

/** Rows per page of an export: memory holds one page whatever the queue's size. */
const EXPORT_PAGE_ROWS = 1000;

// Version 1 (RULES.md defaults) has applied since this date when no stored row says otherwise.
const DEFAULTS_EFFECTIVE_FROM = '1970-01-01';

/** Only a pseudonymous prefix of the customer id ever leaves the platform. */
export const customerRef = (customerId: string): string => customerId.slice(0, 12);

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const FINDING_EXPORT_COLUMNS: readonly ExportColumn<FindingRow>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'sale_id', type: 'text', value: (r) => r.saleId },
  { name: 'customer_ref', type: 'text', value: (r) => customerRef(r.customerId) },
  { name: 'rule_code', type: 'text', value: (r) => r.ruleCode },
  { name: 'rule_version', type: 'int', value: (r) => r.ruleVersion },
  { name: 'severity', type: 'text', value: (r) => r.severity },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'sold_at', type: 'text', value: (r) => r.soldAt },
  { name: 'product_code', type: 'text', value: (r) => r.productCode },
  { name: 'branch_code', type: 'text', value: (r) => r.branchCode },
  { name: 'staff_code', type: 'text', value: (r) => r.staffCode },
  { name: 'campaign_code', type: 'text', value: (r) => r.campaignCode },
  { name: 'facts', type: 'text', value: (r) => JSON.stringify(r.facts) },
  { name: 'first_approver_id', type: 'text', value: (r) => r.firstApproverId },
  { name: 'decided_by', type: 'text', value: (r) => r.decidedBy },
  { name: 'decided_at', type: 'text', value: (r) => iso(r.decidedAt) },
  { name: 'created_at', type: 'text', value: (r) => r.createdAt.toISOString() },
  { name: 'updated_at', type: 'text', value: (r) => r.updatedAt.toISOString() },
];

function filterOf(query: FindingExportQuery): FindingFilter {
  const { severity, ruleCode, status, branchCode, staffCode, productCode, campaignCode, from, to } = query;
  return { severity, ruleCode, status, branchCode, staffCode, productCode, campaignCode, from, to };
}

/** The reviewer a decision is recorded against: a signed-in compliance user (or their API token). */
function reviewerOf(actor: Actor): Reviewer {
  if (actor.role !== 'compliance') throw new ForbiddenError('Only compliance reviews findings');
  if (!actor.userId) throw new ForbiddenError('A decision needs a named reviewer');
  return { userId: actor.userId, role: actor.role, requestId: actor.requestId ?? null };
}

const isStatus = (value: string): value is FindingStatus => (FINDING_STATUSES as readonly string[]).includes(value);

function statusOf(row: FindingRow): FindingStatus {
  if (!isStatus(row.status)) throw new ConflictError(`Finding ${row.id} has an unknown status "${row.status}"`);
  return row.status;
}

const underReview = (row: FindingRow) => ({
  status: statusOf(row),
  severity: row.severity as Severity,
  firstApproverId: row.firstApproverId,
});

/** The audit action of a transition; a four-eyes first approval is its own action. */
const auditAction = (decision: ReviewDecision, to: FindingStatus): string =>
  to === 'awaiting_second_approval' ? 'finding.first-approval' : `finding.${decision}`;

const auditState = (row: FindingRow) => ({
  status: row.status,
  severity: row.severity,
  ruleCode: row.ruleCode,
  saleId: row.saleId,
  firstApproverId: row.firstApproverId,
  decidedBy: row.decidedBy,
});

export function toFindingSummary(row: FindingRow): FindingSummaryDto {
  return {
    id: row.id,
    saleId: row.saleId,
    ruleCode: row.ruleCode as FindingSummaryDto['ruleCode'],
    ruleVersion: row.ruleVersion,
    severity: row.severity as FindingSummaryDto['severity'],
    status: row.status as FindingSummaryDto['status'],
    facts: row.facts as FindingSummaryDto['facts'],
    soldAt: row.soldAt,
    productCode: row.productCode,
    branchCode: row.branchCode,
    staffCode: row.staffCode,
    campaignCode: row.campaignCode,
    customerRef: customerRef(row.customerId),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    firstApproverId: row.firstApproverId,
  };
}

export function toEvidenceDto(row: EvidenceRow): EvidenceDto {
  return {
    id: row.id,
    saleId: row.saleId,
    kind: row.kind as EvidenceDto['kind'],
    reference: row.reference,
    clears: row.clears as EvidenceDto['clears'],
    addedBy: row.addedBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: iso(row.revokedAt),
  };
}

/** Age in whole years at the sale date, as the rules compute it (birth date, else birth year). */
function ageAt(snapshot: { birthDate: string | null; birthYear: number | null }, soldAt: string): number | null {
  if (snapshot.birthDate !== null) return wholeYearsBetween(snapshot.birthDate, soldAt);
  return snapshot.birthYear === null ? null : Number(soldAt.slice(0, 4)) - snapshot.birthYear;
}

/** The review queue: findings listed and explained, decided with four eyes, exported. */
@Injectable()
export class FindingReviewService {
  constructor(
    private readonly findings: FindingRepository,
    private readonly evidence: EvidenceRepository,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  async list(query: FindingListQuery): Promise<FindingListResponse> {
    const filter = filterOf(query);
    const [rows, counts] = await Promise.all([
      this.findings.list({ filter, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
      this.findings.statusCounts(filter),
    ]);
    const byStatus = new Map(counts.map((c) => [c.status, c.findings]));
    const statusCounts = FINDING_STATUSES.map((status) => ({ status, findings: byStatus.get(status) ?? 0 }));
    // The tabs count without the status filter; the total is the filtered list's.
    const total = query.status ? (byStatus.get(query.status) ?? 0) : statusCounts.reduce((sum, c) => sum + c.findings, 0);
    return { items: rows.map(toFindingSummary), total, page: query.page, pageSize: query.pageSize, statusCounts };
  }

  /**
   * A finding with what a reviewer needs to decide it: the sale, the customer as they were at the sale
   * date (pseudonymised), the product and its ratings, the rule version, evidence, history, and the
   * decisions this actor may take now.
   */
  async detail(id: string, actor: Actor): Promise<FindingDetailDto> {
    const row = await this.require(id);
    const [sale, snapshot, product, ratings, effectiveFrom, evidence, history] = await Promise.all([
      this.findings.sale(row.customerId, row.saleId),
      this.findings.snapshotOn(row.customerId, row.soldAt),
      this.findings.product(row.productCode),
      this.findings.ratings(row.productCode),
      this.findings.ruleVersionEffectiveFrom(row.ruleVersion),
      this.evidence.listForSale(row.customerId, row.saleId),
      this.findings.history(row.id, row.customerId),
    ]);
    if (!sale) throw new ConflictError(`Sale ${row.saleId} of finding ${row.id} is no longer in the sales data`);
    if (!product) throw new ConflictError(`Product ${row.productCode} of finding ${row.id} is no longer in the product data`);
    return {
      finding: toFindingSummary(row),
      sale: {
        saleId: sale.saleId,
        soldAt: sale.soldAt,
        amount: sale.amount,
        currency: sale.currency,
        premiumMode: sale.premiumMode,
        channel: sale.channel,
        branchCode: sale.branchCode,
        staffCode: sale.staffCode,
        campaignCode: sale.campaignCode,
        status: sale.status,
        statusAt: sale.statusAt,
        dualRecording: sale.dualRecording,
        customerRiskLevelAtSale: sale.customerRiskLevelAtSale,
      },
      customerAtSale: snapshot
        ? {
            customerRef: customerRef(row.customerId),
            asOf: snapshot.asOf,
            ageAtSale: ageAt(snapshot, sale.soldAt),
            region: snapshot.region,
            riskLevel: snapshot.riskLevel,
            riskAssessedAt: snapshot.riskAssessedAt,
            monthlyIncome: snapshot.monthlyIncome,
            householdAnnualIncome: snapshot.householdAnnualIncome,
            consentMarketing: snapshot.consentMarketing,
            consentDataSharing: snapshot.consentDataSharing,
          }
        : null,
      product: {
        productCode: product.productCode,
        name: product.name,
        provider: product.provider,
        category: product.category,
        riskLevel: effectiveProductRisk([product.riskLevel, ...ratings.map((r) => r.riskLevel)]) ?? product.riskLevel,
        ratings,
        premiumMode: product.premiumMode,
        termYears: product.termYears,
      },
      rule: {
        code: row.ruleCode as FindingDetailDto['rule']['code'],
        version: row.ruleVersion,
        effectiveFrom: effectiveFrom ?? DEFAULTS_EFFECTIVE_FROM,
        severity: row.severity as Severity,
      },
      evidence: evidence.map(toEvidenceDto),
      history: await this.withReviewerNames(history),
      allowedDecisions: this.allowedDecisions(row, actor),
    };
  }

  /**
   * One reviewer's decision (open → approved | rejected | escalated), with a reason. A high-severity
   * approval needs two different reviewers: the first moves it to awaiting_second_approval, the same
   * reviewer approving again is refused, a different one approves it. The finding and its review row
   * change in one transaction; the audit entry records who, role, before → after and the request id.
   */
  async decide(id: string, request: FindingDecisionRequest, actor: Actor): Promise<FindingDetailDto> {
    const reviewer = reviewerOf(actor);
    const before = await this.require(id);
    const to = nextFindingStatus(underReview(before), request.decision, reviewer.userId);
    const after = await this.findings.decide({
      id,
      customerId: before.customerId,
      fromStatus: statusOf(before),
      toStatus: to,
      firstApproval: to === 'awaiting_second_approval',
      reviewer,
      reason: request.reason,
      alsoInTransaction: async (tx, after) => {
        await this.audit.record(
          {
            actor,
            action: auditAction(request.decision, to),
            entityType: 'compliance-finding',
            entityId: id,
            before: auditState(before),
            after: { ...auditState(after), reason: request.reason },
          },
          tx,
        );
      },
    });
    if (!after) throw new ConflictError(`Finding ${id} was decided by someone else meanwhile; reload it`);
    return this.detail(id, actor);
  }

  /**
   * The same decision on many low or info findings; every other finding (high or medium severity,
   * already decided, unknown) is refused with its reason. Each decided finding is audited.
   */
  async bulkDecide(request: BulkFindingDecisionRequest, actor: Actor): Promise<BulkFindingDecisionResponse> {
    const reviewer = reviewerOf(actor);
    const ids = [...new Set(request.findingIds)];
    const rows = new Map((await this.findings.findByIds(ids)).map((r) => [r.id, r]));
    const refused: BulkFindingDecisionResponse['refused'] = [];
    const eligible: { row: FindingRow; to: FindingStatus }[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) {
        refused.push({ id, reason: 'No such finding' });
        continue;
      }
      if (!BULK_REVIEW_SEVERITIES.includes(row.severity as Severity)) {
        refused.push({ id, reason: `A ${row.severity}-severity finding is decided one at a time, not in bulk (bulk is for ${BULK_REVIEW_SEVERITIES.join(' and ')})` });
        continue;
      }
      try {
        eligible.push({ row, to: nextFindingStatus(underReview(row), request.decision, reviewer.userId) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push({ id, reason: error.message });
      }
    }
    const toStatus: FindingStatus = request.decision === 'approve' ? 'approved' : 'rejected';
    const moved = await this.findings.decideMany({
      expected: eligible.filter((e) => e.to === toStatus).map((e) => ({ id: e.row.id, status: statusOf(e.row) })),
      severities: BULK_REVIEW_SEVERITIES,
      decision: request.decision,
      toStatus,
      reviewer,
      reason: request.reason,
      alsoInTransaction: async (tx, movedRows) => {
        const before = new Map(eligible.map((e) => [e.row.id, e.row]));
        await this.audit.recordMany(
          movedRows.map((after) => ({
            actor,
            action: `finding.${request.decision}`,
            entityType: 'compliance-finding',
            entityId: after.id,
            before: auditState(before.get(after.id)!),
            after: { ...auditState(after), reason: request.reason, bulk: true },
          })),
          tx,
        );
      },
    });
    const movedById = new Map(moved.map((m) => [m.id, m]));
    const decided: BulkFindingDecisionResponse['decided'] = [];
    for (const { row } of eligible) {
      const after = movedById.get(row.id);
      if (!after) {
        refused.push({ id: row.id, reason: 'Decided by someone else meanwhile' });
        continue;
      }
      decided.push({ id: row.id, status: after.status as FindingStatus });
    }
    return { decided, refused };
  }

  /** Every finding under the filters as CSV (formula-safe) or Arrow, read page by page (keyset). */
  exportFindings(query: FindingExportQuery, format: ExportFormat): TableExport {
    const filter = filterOf(query);
    const findings = this.findings;
    async function* pages(): AsyncGenerator<FindingRow[]> {
      let after: FindingCursor | null = null;
      for (;;) {
        const page = await findings.listAfter({ filter, after, limit: EXPORT_PAGE_ROWS });
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE_ROWS) return;
        const last = page[page.length - 1]!;
        after = { soldAt: last.soldAt, id: last.id };
      }
    }
    return tableExport('compliance-findings', format, FINDING_EXPORT_COLUMNS, pages());
  }

  /** Decisions the actor may take now: compliance only, on a finding still under review, four eyes kept. */
  private allowedDecisions(row: FindingRow, actor: Actor): ReviewDecision[] {
    if (actor.role !== 'compliance' || !actor.userId) return [];
    const userId = actor.userId;
    return REVIEW_DECISIONS.filter((decision) => {
      try {
        nextFindingStatus(underReview(row), decision, userId);
        return true;
      } catch (error) {
        if (error instanceof DomainError) return false;
        throw error;
      }
    });
  }

  /** Reviewer display names through the auth feature's UserService (users are never deleted). */
  private async withReviewerNames(rows: readonly FindingReviewRow[]): Promise<FindingReviewDto[]> {
    const ids = [...new Set(rows.map((r) => r.reviewerId).filter((id): id is string => id !== null))];
    const names = new Map<string, string | null>();
    await Promise.all(
      ids.map(async (id) => {
        try {
          names.set(id, (await this.users.get(id)).displayName);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          names.set(id, null);
        }
      }),
    );
    return rows.map((r) => ({
      id: r.id,
      fromStatus: r.fromStatus as FindingStatus,
      toStatus: r.toStatus as FindingStatus,
      reason: r.reason,
      reviewerId: r.reviewerId,
      reviewerName: r.reviewerId === null ? null : (names.get(r.reviewerId) ?? null),
      reviewerRole: r.reviewerRole,
      evidenceId: r.evidenceId,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  private async require(id: string): Promise<FindingRow> {
    const row = await this.findings.findById(id);
    if (!row) throw new NotFoundError(`No finding ${id}`);
    return row;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gte, inArray, lte, or, lt, sql, type SQL } from 'drizzle-orm';
import {
  complianceFindings,
  complianceRuleSets,
  customerSnapshots,
  DATABASE,
  findingReviews,
  productRiskRatings,
  products,
  queryRows,
  sales,
  type Database,
  type Transaction,
} from '@banca/db';
import type { FindingStatus, ReviewDecision } from '@banca/domain';

/** Queue filters (FindingListQuery without paging); dates are on the sale date, both inclusive. */
export interface FindingFilter {
  severity?: string;
  ruleCode?: string;
  status?: string;
  branchCode?: string;
  staffCode?: string;
  productCode?: string;
  campaignCode?: string;
  from?: string;
  to?: string;
}

export interface FindingRow {
  id: string;
  customerId: string;
  saleId: string;
  ruleCode: string;
  ruleVersion: number;
  severity: string;
  status: string;
  facts: Record<string, unknown>;
  soldAt: string;
  productCode: string;
  branchCode: string | null;
  staffCode: string | null;
  campaignCode: string | null;
  firstApproverId: string | null;
  firstApprovedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  clearedByEvidenceId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a keyset page of the queue order (newest sale first, then id) starts after. */
export interface FindingCursor {
  soldAt: string;
  id: string;
}

export interface SaleRow {
  customerId: string;
  saleId: string;
  productCode: string;
  soldAt: string;
  amount: number;
  currency: string;
  premiumMode: string | null;
  channel: string | null;
  branchCode: string | null;
  staffCode: string | null;
  campaignCode: string | null;
  customerRiskLevelAtSale: string | null;
  dualRecording: boolean | null;
  status: string;
  statusAt: string | null;
}

export interface SnapshotRow {
  asOf: string;
  birthDate: string | null;
  birthYear: number | null;
  region: string | null;
  riskLevel: string | null;
  riskAssessedAt: string | null;
  monthlyIncome: number | null;
  householdAnnualIncome: number | null;
  consentMarketing: boolean | null;
  consentDataSharing: boolean | null;
}

export interface ProductRow {
  productCode: string;
  name: string;
  provider: string;
  category: string;
  riskLevel: string;
  premiumMode: string | null;
  termYears: number | null;
}

export interface FindingReviewRow {
  id: string;
  findingId: string;
  fromStatus: string;
  toStatus: string;
  reason: string;
  reviewerId: string | null;
  reviewerRole: string | null;
  evidenceId: string | null;
  createdAt: Date;
}

/** Who made a transition, and for which request. */
export interface Reviewer {
  userId: string;
  role: string;
  requestId: string | null;
}

export const findingColumns = {
  id: complianceFindings.id,
  customerId: complianceFindings.customerId,
  saleId: complianceFindings.saleId,
  ruleCode: complianceFindings.ruleCode,
  ruleVersion: complianceFindings.ruleVersion,
  severity: complianceFindings.severity,
  status: complianceFindings.status,
  facts: complianceFindings.facts,
  soldAt: complianceFindings.soldAt,
  productCode: complianceFindings.productCode,
  branchCode: complianceFindings.branchCode,
  staffCode: complianceFindings.staffCode,
  campaignCode: complianceFindings.campaignCode,
  firstApproverId: complianceFindings.firstApproverId,
  firstApprovedAt: complianceFindings.firstApprovedAt,
  decidedBy: complianceFindings.decidedBy,
  decidedAt: complianceFindings.decidedAt,
  clearedByEvidenceId: complianceFindings.clearedByEvidenceId,
  createdAt: complianceFindings.createdAt,
  updatedAt: complianceFindings.updatedAt,
};

const f = complianceFindings;

function conditions(filter: FindingFilter, options: { status: boolean }): SQL | undefined {
  return and(
    filter.severity ? eq(f.severity, filter.severity) : undefined,
    filter.ruleCode ? eq(f.ruleCode, filter.ruleCode) : undefined,
    options.status && filter.status ? eq(f.status, filter.status) : undefined,
    filter.branchCode ? eq(f.branchCode, filter.branchCode) : undefined,
    filter.staffCode ? eq(f.staffCode, filter.staffCode) : undefined,
    filter.productCode ? eq(f.productCode, filter.productCode) : undefined,
    filter.campaignCode ? eq(f.campaignCode, filter.campaignCode) : undefined,
    filter.from ? gte(f.soldAt, filter.from) : undefined,
    filter.to ? lte(f.soldAt, filter.to) : undefined,
  );
}

/** The queue order: newest sale first, id as the tie-break (a keyset). */
const QUEUE_ORDER = [desc(f.soldAt), desc(f.id)];

const afterCursor = (cursor: FindingCursor | null): SQL | undefined =>
  cursor === null ? undefined : or(lt(f.soldAt, cursor.soldAt), and(eq(f.soldAt, cursor.soldAt), lt(f.id, cursor.id)));

/** The findings of the review queue, their sale, customer-at-sale, product and history; the decisions written to them. */
@Injectable()
export class FindingRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** One page of the filtered queue (OFFSET paging, for the screen). */
  async list(params: { filter: FindingFilter; limit: number; offset: number }): Promise<FindingRow[]> {
    return this.db
      .select(findingColumns)
      .from(f)
      .where(conditions(params.filter, { status: true }))
      .orderBy(...QUEUE_ORDER)
      .limit(params.limit)
      .offset(params.offset);
  }

  /** The next page after `after` in queue order (keyset: exports walk every finding without OFFSET). */
  async listAfter(params: { filter: FindingFilter; after: FindingCursor | null; limit: number }): Promise<FindingRow[]> {
    return this.db
      .select(findingColumns)
      .from(f)
      .where(and(conditions(params.filter, { status: true }), afterCursor(params.after)))
      .orderBy(...QUEUE_ORDER)
      .limit(params.limit);
  }

  /** Findings per status under the filters, the status filter aside (the queue's tabs). */
  async statusCounts(filter: FindingFilter): Promise<{ status: string; findings: number }[]> {
    return this.db
      .select({ status: f.status, findings: count() })
      .from(f)
      .where(conditions(filter, { status: false }))
      .groupBy(f.status)
      .orderBy(asc(f.status));
  }

  async findById(id: string): Promise<FindingRow | null> {
    const [row] = await this.db.select(findingColumns).from(f).where(eq(f.id, id)).limit(1);
    return row ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<FindingRow[]> {
    if (ids.length === 0) return [];
    return this.db.select(findingColumns).from(f).where(inArray(f.id, [...ids]));
  }

  async sale(customerId: string, saleId: string): Promise<SaleRow | null> {
    const [row] = await this.db
      .select({
        customerId: sales.customerId,
        saleId: sales.saleId,
        productCode: sales.productCode,
        soldAt: sales.soldAt,
        amount: sales.amount,
        currency: sales.currency,
        premiumMode: sales.premiumMode,
        channel: sales.channel,
        branchCode: sales.branchCode,
        staffCode: sales.staffCode,
        campaignCode: sales.campaignCode,
        customerRiskLevelAtSale: sales.customerRiskLevelAtSale,
        dualRecording: sales.dualRecording,
        status: sales.status,
        statusAt: sales.statusAt,
      })
      .from(sales)
      .where(and(eq(sales.customerId, customerId), eq(sales.saleId, saleId)))
      .limit(1);
    return row ?? null;
  }

  /** The customer as they were on `date`: the snapshot with the greatest as_of on or before it. */
  async snapshotOn(customerId: string, date: string): Promise<SnapshotRow | null> {
    const s = customerSnapshots;
    const [row] = await this.db
      .select({
        asOf: s.asOf,
        birthDate: s.birthDate,
        birthYear: s.birthYear,
        region: s.region,
        riskLevel: s.riskLevel,
        riskAssessedAt: s.riskAssessedAt,
        monthlyIncome: s.monthlyIncome,
        householdAnnualIncome: s.householdAnnualIncome,
        consentMarketing: s.consentMarketing,
        consentDataSharing: s.consentDataSharing,
      })
      .from(s)
      .where(and(eq(s.customerId, customerId), lte(s.asOf, date)))
      .orderBy(desc(s.asOf))
      .limit(1);
    return row ?? null;
  }

  async product(productCode: string): Promise<ProductRow | null> {
    const [row] = await this.db
      .select({
        productCode: products.productCode,
        name: products.name,
        provider: products.provider,
        category: products.category,
        riskLevel: products.riskLevel,
        premiumMode: products.premiumMode,
        termYears: products.termYears,
      })
      .from(products)
      .where(eq(products.productCode, productCode))
      .limit(1);
    return row ?? null;
  }

  async ratings(productCode: string): Promise<{ ratedBy: string; riskLevel: string }[]> {
    return this.db
      .select({ ratedBy: productRiskRatings.ratedBy, riskLevel: productRiskRatings.riskLevel })
      .from(productRiskRatings)
      .where(eq(productRiskRatings.productCode, productCode))
      .orderBy(asc(productRiskRatings.ratedBy));
  }

  /** The effective date of a settings version (read-only; null when the version is not stored). */
  async ruleVersionEffectiveFrom(version: number): Promise<string | null> {
    const [row] = await this.db
      .select({ effectiveFrom: complianceRuleSets.effectiveFrom })
      .from(complianceRuleSets)
      .where(eq(complianceRuleSets.version, version))
      .limit(1);
    return row?.effectiveFrom ?? null;
  }

  /** The review history of a finding, oldest first. */
  async history(findingId: string, customerId: string): Promise<FindingReviewRow[]> {
    const r = findingReviews;
    return this.db
      .select({
        id: r.id,
        findingId: r.findingId,
        fromStatus: r.fromStatus,
        toStatus: r.toStatus,
        reason: r.reason,
        reviewerId: r.reviewerId,
        reviewerRole: r.reviewerRole,
        evidenceId: r.evidenceId,
        createdAt: r.createdAt,
      })
      .from(r)
      .where(and(eq(r.findingId, findingId), eq(r.customerId, customerId)))
      .orderBy(asc(r.createdAt), asc(r.id));
  }

  /**
   * One reviewer's decision on one finding, in one transaction: the finding moves from `fromStatus` to
   * `toStatus` (a first approval of a four-eyes finding records its approver instead of a decision) and
   * a review row records who, why and for which request. Null when the finding is no longer in
   * `fromStatus` (someone else decided it meanwhile).
   */
  async decide(params: {
    id: string;
    customerId: string;
    fromStatus: FindingStatus;
    toStatus: FindingStatus;
    firstApproval: boolean;
    reviewer: Reviewer;
    reason: string;
    /** Runs in the same transaction once the finding moved (its audit entry). */
    alsoInTransaction: (tx: Transaction, after: FindingRow) => Promise<void>;
  }): Promise<FindingRow | null> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const [row] = await tx
        .update(f)
        .set(
          params.firstApproval
            ? { status: params.toStatus, firstApproverId: params.reviewer.userId, firstApprovedAt: now, updatedAt: now }
            : { status: params.toStatus, decidedBy: params.reviewer.userId, decidedAt: now, updatedAt: now },
        )
        .where(and(eq(f.customerId, params.customerId), eq(f.id, params.id), eq(f.status, params.fromStatus)))
        .returning(findingColumns);
      if (!row) return null;
      await tx.insert(findingReviews).values({
        findingId: params.id,
        customerId: params.customerId,
        reviewerId: params.reviewer.userId,
        reviewerRole: params.reviewer.role,
        fromStatus: params.fromStatus,
        toStatus: params.toStatus,
        reason: params.reason,
        requestId: params.reviewer.requestId,
      });
      await params.alsoInTransaction(tx, row);
      return row;
    });
  }

  /**
   * The same decision on many findings in one statement (bulk review of low and info findings): each
   * listed finding still in its expected status and of a bulk severity moves to `toStatus`, with its
   * review row. Returns the findings it moved and the status each came from.
   */
  async decideMany(params: {
    expected: readonly { id: string; status: FindingStatus }[];
    severities: readonly string[];
    decision: Extract<ReviewDecision, 'approve' | 'reject'>;
    toStatus: FindingStatus;
    reviewer: Reviewer;
    reason: string;
    /** Runs in the same transaction once the findings moved (their audit entries). */
    alsoInTransaction: (tx: Transaction, moved: (FindingRow & { fromStatus: string })[]) => Promise<void>;
  }): Promise<(FindingRow & { fromStatus: string })[]> {
    if (params.expected.length === 0) return [];
    const expected = sql.join(
      params.expected.map((e) => sql`(${e.id}::uuid, ${e.status}::text)`),
      sql`, `,
    );
    const severities = sql.join(params.severities.map((s) => sql`${s}`), sql`, `);
    return this.db.transaction(async (tx) => {
    const rows = await queryRows<RawDecidedRow>(tx, sql`
      WITH expected (id, status) AS (VALUES ${expected}),
      target AS (
        SELECT cf.customer_id, cf.id, cf.status
        FROM compliance_findings cf JOIN expected e ON e.id = cf.id AND e.status = cf.status
        WHERE cf.severity IN (${severities})
        FOR UPDATE OF cf
      ),
      moved AS (
        UPDATE compliance_findings cf
        SET status = ${params.toStatus}, decided_by = ${params.reviewer.userId}::uuid, decided_at = now(), updated_at = now()
        FROM target t
        WHERE cf.customer_id = t.customer_id AND cf.id = t.id
        RETURNING ${RAW_FINDING_COLUMNS}, t.status AS from_status
      ),
      reviewed AS (
        INSERT INTO finding_reviews (finding_id, customer_id, reviewer_id, reviewer_role, from_status, to_status, reason, request_id)
        SELECT id, customer_id, ${params.reviewer.userId}::uuid, ${params.reviewer.role}, from_status, status, ${params.reason}, ${params.reviewer.requestId}
        FROM moved
        RETURNING finding_id
      )
      SELECT * FROM moved`);
    const moved = rows.map((r) => ({ ...fromRaw(r), fromStatus: r.from_status }));
    await params.alsoInTransaction(tx, moved);
    return moved;
    });
  }
}

/** Column list for RETURNING in hand-written statements; dates as text, timestamps as given by the driver. */
export const RAW_FINDING_COLUMNS = sql.raw(`cf.id, cf.customer_id, cf.sale_id, cf.rule_code, cf.rule_version, cf.severity, cf.status,
  cf.facts, cf.sold_at::text AS sold_at, cf.product_code, cf.branch_code, cf.staff_code, cf.campaign_code, cf.first_approver_id,
  cf.first_approved_at, cf.decided_by, cf.decided_at, cf.cleared_by_evidence_id, cf.created_at, cf.updated_at`);

export interface RawFindingRow extends Record<string, unknown> {
  id: string;
  customer_id: string;
  sale_id: string;
  rule_code: string;
  rule_version: number;
  severity: string;
  status: string;
  facts: Record<string, unknown> | string;
  sold_at: string;
  product_code: string;
  branch_code: string | null;
  staff_code: string | null;
  campaign_code: string | null;
  first_approver_id: string | null;
  first_approved_at: Date | string | null;
  decided_by: string | null;
  decided_at: Date | string | null;
  cleared_by_evidence_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface RawDecidedRow extends RawFindingRow {
  from_status: string;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const toDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));

export function fromRaw(r: RawFindingRow): FindingRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    saleId: r.sale_id,
    ruleCode: r.rule_code,
    ruleVersion: Number(r.rule_version),
    severity: r.severity,
    status: r.status,
    facts: typeof r.facts === 'string' ? (JSON.parse(r.facts) as Record<string, unknown>) : r.facts,
    soldAt: r.sold_at,
    productCode: r.product_code,
    branchCode: r.branch_code,
    staffCode: r.staff_code,
    campaignCode: r.campaign_code,
    firstApproverId: r.first_approver_id,
    firstApprovedAt: toDateOrNull(r.first_approved_at),
    decidedBy: r.decided_by,
    decidedAt: toDateOrNull(r.decided_at),
    clearedByEvidenceId: r.cleared_by_evidence_id,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}

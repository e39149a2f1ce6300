import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DATABASE, queryRows, sales, saleEvidence, type Database, type Transaction } from '@banca/db';
import { OPEN_FINDING_STATUSES } from '@banca/domain';
import type { Reviewer } from './finding.repository';

export interface EvidenceRow {
  id: string;
  customerId: string;
  saleId: string;
  kind: string;
  reference: string;
  clears: string[];
  addedBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A finding evidence cleared, and the status it was cleared from. */
export interface ClearedFindingRow {
  id: string;
  ruleCode: string;
  severity: string;
  fromStatus: string;
}

const evidenceColumns = {
  id: saleEvidence.id,
  customerId: saleEvidence.customerId,
  saleId: saleEvidence.saleId,
  kind: saleEvidence.kind,
  reference: saleEvidence.reference,
  clears: saleEvidence.clears,
  addedBy: saleEvidence.addedBy,
  createdAt: saleEvidence.createdAt,
  revokedAt: saleEvidence.revokedAt,
};

/** Declarations, recordings and approvals attached to sales, and the findings they clear. Never deleted. */
/** What revoking evidence did: the findings it had cleared, back under review or still cleared by other evidence. */
export interface RevokedEvidence {
  evidence: EvidenceRow;
  reopened: ClearedFindingRow[];
  stillCleared: (ClearedFindingRow & { evidenceId: string })[];
}

@Injectable()
export class EvidenceRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * The sales with this sale id (sales are keyed by customer and sale id, so partners' ids may collide);
   * at most two, which is enough to tell "one" from "ambiguous".
   */
  async salesWithId(saleId: string): Promise<{ customerId: string; saleId: string; soldAt: string }[]> {
    return this.db
      .select({ customerId: sales.customerId, saleId: sales.saleId, soldAt: sales.soldAt })
      .from(sales)
      .where(eq(sales.saleId, saleId))
      .orderBy(asc(sales.customerId))
      .limit(2);
  }

  /** Every piece of evidence of a sale, revoked ones included, oldest first. */
  async listForSale(customerId: string, saleId: string): Promise<EvidenceRow[]> {
    return this.db
      .select(evidenceColumns)
      .from(saleEvidence)
      .where(and(eq(saleEvidence.customerId, customerId), eq(saleEvidence.saleId, saleId)))
      .orderBy(asc(saleEvidence.createdAt), asc(saleEvidence.id));
  }

  async findById(id: string): Promise<EvidenceRow | null> {
    const [row] = await this.db.select(evidenceColumns).from(saleEvidence).where(eq(saleEvidence.id, id)).limit(1);
    return row ?? null;
  }

  /**
   * Attaches evidence to a sale and, in the same transaction, clears the sale's findings still under
   * review whose rule it clears: each moves to `cleared`, pointing at the evidence, with a review row.
   */
  async addAndClear(params: {
    customerId: string;
    saleId: string;
    kind: string;
    reference: string;
    clears: readonly string[];
    reviewer: Reviewer;
    reason: string;
    /** Runs in the same transaction once the change is made (its audit entries). */
    alsoInTransaction: (tx: Transaction, outcome: { evidence: EvidenceRow; cleared: ClearedFindingRow[] }) => Promise<void>;
  }): Promise<{ evidence: EvidenceRow; cleared: ClearedFindingRow[] }> {
    return this.db.transaction(async (tx) => {
      const [evidence] = await tx
        .insert(saleEvidence)
        .values({
          customerId: params.customerId,
          saleId: params.saleId,
          kind: params.kind,
          reference: params.reference,
          clears: [...params.clears],
          addedBy: params.reviewer.userId,
        })
        .returning(evidenceColumns);
      if (!evidence) throw new Error('sale_evidence insert returned no row');
      if (params.clears.length === 0) {
        await params.alsoInTransaction(tx, { evidence, cleared: [] });
        return { evidence, cleared: [] };
      }
      const rules = sql.join(params.clears.map((c) => sql`${c}`), sql`, `);
      const open = sql.join(OPEN_FINDING_STATUSES.map((s) => sql`${s}`), sql`, `);
      const cleared = await queryRows<{ id: string; rule_code: string; severity: string; from_status: string }>(tx, sql`
        WITH target AS (
          SELECT cf.customer_id, cf.id, cf.status
          FROM compliance_findings cf
          WHERE cf.customer_id = ${params.customerId} AND cf.sale_id = ${params.saleId}
            AND cf.rule_code IN (${rules}) AND cf.status IN (${open})
          FOR UPDATE
        ),
        moved AS (
          UPDATE compliance_findings cf
          SET status = 'cleared', cleared_by_evidence_id = ${evidence.id}::uuid,
              decided_by = ${params.reviewer.userId}::uuid, decided_at = now(), updated_at = now()
          FROM target t
          WHERE cf.customer_id = t.customer_id AND cf.id = t.id
          RETURNING cf.id, cf.customer_id, cf.rule_code, cf.severity, t.status AS from_status
        ),
        reviewed AS (
          INSERT INTO finding_reviews (finding_id, customer_id, reviewer_id, reviewer_role, from_status, to_status, reason, evidence_id, request_id)
          SELECT id, customer_id, ${params.reviewer.userId}::uuid, ${params.reviewer.role}, from_status, 'cleared', ${params.reason},
                 ${evidence.id}::uuid, ${params.reviewer.requestId}
          FROM moved
        )
        SELECT id, rule_code, severity, from_status FROM moved ORDER BY rule_code`);
      const outcome = {
        evidence,
        cleared: cleared.map((r) => ({ id: r.id, ruleCode: r.rule_code, severity: r.severity, fromStatus: r.from_status })),
      };
      await params.alsoInTransaction(tx, outcome);
      return outcome;
    });
  }

  /**
   * Marks evidence revoked (kept, never deleted) and, in the same transaction, puts the findings it had
   * cleared back under review: each one no other standing evidence of the sale clears returns to `open`
   * with a review row; one another piece still clears stays cleared, now pointing at that evidence. Null
   * when there is no such evidence or it was already revoked.
   */
  async revoke(params: {
    id: string;
    reviewer: Reviewer;
    reason: string;
    /** Runs in the same transaction once the change is made (its audit entries). */
    alsoInTransaction: (tx: Transaction, outcome: RevokedEvidence) => Promise<void>;
  }): Promise<RevokedEvidence | null> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const [evidence] = await tx
        .update(saleEvidence)
        .set({ revokedAt: now, updatedAt: now })
        .where(and(eq(saleEvidence.id, params.id), isNull(saleEvidence.revokedAt)))
        .returning(evidenceColumns);
      if (!evidence) return null;
      const rows = await queryRows<{ id: string; rule_code: string; severity: string; other_evidence: string | null }>(tx, sql`
        WITH target AS (
          SELECT cf.customer_id, cf.id,
            (SELECT e.id FROM sale_evidence e
             WHERE e.customer_id = cf.customer_id AND e.sale_id = cf.sale_id AND e.revoked_at IS NULL
               AND cf.rule_code = ANY (e.clears)
             ORDER BY e.created_at, e.id LIMIT 1) AS other_evidence
          FROM compliance_findings cf
          WHERE cf.customer_id = ${evidence.customerId} AND cf.sale_id = ${evidence.saleId}
            AND cf.cleared_by_evidence_id = ${evidence.id}::uuid AND cf.status = 'cleared'
          FOR UPDATE
        ),
        moved AS (
          UPDATE compliance_findings cf
          SET status = CASE WHEN t.other_evidence IS NULL THEN 'open' ELSE 'cleared' END,
              cleared_by_evidence_id = t.other_evidence,
              decided_by = CASE WHEN t.other_evidence IS NULL THEN NULL ELSE cf.decided_by END,
              decided_at = CASE WHEN t.other_evidence IS NULL THEN NULL ELSE cf.decided_at END,
              updated_at = now()
          FROM target t
          WHERE cf.customer_id = t.customer_id AND cf.id = t.id
          RETURNING cf.id, cf.customer_id, cf.rule_code, cf.severity, t.other_evidence
        ),
        reviewed AS (
          INSERT INTO finding_reviews (finding_id, customer_id, reviewer_id, reviewer_role, from_status, to_status, reason, evidence_id, request_id)
          SELECT id, customer_id, ${params.reviewer.userId}::uuid, ${params.reviewer.role}, 'cleared', 'open', ${params.reason},
                 ${evidence.id}::uuid, ${params.reviewer.requestId}
          FROM moved WHERE other_evidence IS NULL
        )
        SELECT id, rule_code, severity, other_evidence FROM moved ORDER BY rule_code`);
      const finding = (r: (typeof rows)[number]): ClearedFindingRow => ({ id: r.id, ruleCode: r.rule_code, severity: r.severity, fromStatus: 'cleared' });
      const outcome = {
        evidence,
        reopened: rows.filter((r) => r.other_evidence === null).map(finding),
        stillCleared: rows.filter((r) => r.other_evidence !== null).map((r) => ({ ...finding(r), evidenceId: r.other_evidence! })),
      };
      await params.alsoInTransaction(tx, outcome);
      return outcome;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService, type AuditEntry } from '@banca/audit';
import type { AddEvidenceRequest, AddEvidenceResponse, EvidenceDto, EvidenceListResponse, RevokeEvidenceRequest } from '@banca/contracts';
import { ConflictError, ForbiddenError, NotFoundError, type Actor } from '@banca/domain';
import { ComplianceRuleSetService } from '../rules/compliance-rule-set.service';
import { ComplianceScanService } from '../rules/compliance-scan.service';
import { EvidenceRepository } from './evidence.repository';
import type { Reviewer } from './finding.repository';
import { toEvidenceDto } from './finding-review.service';

function reviewerOf(actor: Actor): Reviewer {
  if (actor.role !== 'compliance') throw new ForbiddenError('Only compliance attaches or revokes evidence');
  if (!actor.userId) throw new ForbiddenError('Evidence needs a named reviewer');
  return { userId: actor.userId, role: actor.role, requestId: actor.requestId ?? null };
}

/**
 * Evidence attached to a sale (a signed declaration, a recording reference, an approval): it clears the
 * rules the settings in force at the sale date let its kind clear, and the sale's findings of those rules
 * still under review become `cleared`. Revoking keeps the row and re-checks the customer's sales.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly ruleSets: ComplianceRuleSetService,
    private readonly scans: ComplianceScanService,
    private readonly audit: AuditService,
  ) {}

  async add(saleId: string, request: AddEvidenceRequest, actor: Actor): Promise<AddEvidenceResponse> {
    const reviewer = reviewerOf(actor);
    const sale = await this.requireSale(saleId);
    const { settings } = await this.ruleSets.inForceOn(sale.soldAt);
    const clears = settings.evidenceClears[request.kind];
    const { evidence, cleared } = await this.evidence.addAndClear({
      customerId: sale.customerId,
      saleId,
      kind: request.kind,
      reference: request.reference,
      clears,
      reviewer,
      reason: `cleared by ${request.kind} ${request.reference}`,
      alsoInTransaction: async (tx, added) => {
        await this.audit.recordMany(
          [
            { actor, action: 'evidence.add', entityType: 'sale-evidence', entityId: added.evidence.id, after: { ...toEvidenceDto(added.evidence) } },
            ...added.cleared.map((finding) => ({
              actor,
              action: 'finding.clear',
              entityType: 'compliance-finding',
              entityId: finding.id,
              before: { status: finding.fromStatus, ruleCode: finding.ruleCode, severity: finding.severity, saleId },
              after: { status: 'cleared', ruleCode: finding.ruleCode, severity: finding.severity, saleId, clearedByEvidenceId: added.evidence.id },
            })),
          ],
          tx,
        );
      },
    });
    return { evidence: toEvidenceDto(evidence), clearedFindingIds: cleared.map((f) => f.id) };
  }

  /** Every piece of evidence of a sale, revoked ones included, oldest first. */
  async list(saleId: string): Promise<EvidenceListResponse> {
    const sale = await this.requireSale(saleId);
    return { evidence: (await this.evidence.listForSale(sale.customerId, saleId)).map(toEvidenceDto) };
  }

  /**
   * Revokes evidence (kept, with its revocation time), audited. The findings it had cleared go back under
   * review (unless other standing evidence clears them), then the sale's customer is re-checked: a rule
   * that still fires stays open with fresh facts, one that no longer does is withdrawn by the scan.
   */
  async revoke(id: string, request: RevokeEvidenceRequest, actor: Actor): Promise<EvidenceDto> {
    const reviewer = reviewerOf(actor);
    const before = await this.evidence.findById(id);
    if (!before) throw new NotFoundError(`No evidence ${id}`);
    if (before.revokedAt) throw new ConflictError(`Evidence ${id} was already revoked`);
    const revoked = await this.evidence.revoke({
      id,
      reviewer,
      reason: `${before.kind} ${before.reference} revoked: ${request.reason}`,
      alsoInTransaction: async (tx, outcome) => {
        const entries: AuditEntry[] = [
          {
            actor,
            action: 'evidence.revoke',
            entityType: 'sale-evidence',
            entityId: id,
            before: { ...toEvidenceDto(before) },
            after: { ...toEvidenceDto(outcome.evidence), reason: request.reason },
          },
          ...outcome.reopened.map((finding) => ({
            actor,
            action: 'finding.reopen',
            entityType: 'compliance-finding',
            entityId: finding.id,
            before: { status: 'cleared', ruleCode: finding.ruleCode, severity: finding.severity, saleId: before.saleId, clearedByEvidenceId: id },
            after: { status: 'open', ruleCode: finding.ruleCode, severity: finding.severity, saleId: before.saleId, clearedByEvidenceId: null, reason: request.reason },
          })),
          ...outcome.stillCleared.map((finding) => ({
            actor,
            action: 'finding.clear',
            entityType: 'compliance-finding',
            entityId: finding.id,
            before: { status: 'cleared', ruleCode: finding.ruleCode, clearedByEvidenceId: id },
            after: { status: 'cleared', ruleCode: finding.ruleCode, clearedByEvidenceId: finding.evidenceId },
          })),
        ];
        await this.audit.recordMany(entries, tx);
      },
    });
    if (!revoked) throw new ConflictError(`Evidence ${id} was revoked by someone else meanwhile`);
    const dto = toEvidenceDto(revoked.evidence);
    await this.scans.scanCustomers([before.customerId], 'evidence-revoked');
    return dto;
  }

  /** The one sale with this id; a sale id two customers share is ambiguous and refused. */
  private async requireSale(saleId: string): Promise<{ customerId: string; saleId: string; soldAt: string }> {
    const found = await this.evidence.salesWithId(saleId);
    if (found.length === 0) throw new NotFoundError(`No sale ${saleId}`);
    if (found.length > 1) throw new ConflictError(`Sale id ${saleId} belongs to more than one customer; evidence cannot be attached to it by id alone`);
    return found[0]!;
  }
}

import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { AuditService } from '@banca/audit';
import { UserService } from '@banca/auth';
import { findingDetailSchema, findingListQuerySchema, type FindingListQuery } from '@banca/contracts';
import { complianceFindings, complianceRuleSets, findingReviews, saleEvidence, sql } from '@banca/db';
import { ConflictError, DEFAULT_COMPLIANCE_SETTINGS, ForbiddenError, SYSTEM_ACTOR, type Actor, type Role } from '@banca/domain';
import {
  createFeatureTestApp,
  insertProduct,
  insertProductRating,
  insertSale,
  insertSnapshot,
  pseudonym,
  type FeatureTestApp,
} from '@banca/testing';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { ComplianceModule } from '../compliance.module';
import { ComplianceRuleSetService } from '../rules/compliance-rule-set.service';
import { ComplianceScanService } from '../rules/compliance-scan.service';
import { EvidenceService } from './evidence.service';
import { FindingReviewService } from './finding-review.service';

type FindingInsert = typeof complianceFindings.$inferInsert;

async function readAll(body: AsyncIterable<string | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('compliance review queue', () => {
  let t: FeatureTestApp;
  let review: FindingReviewService;
  let evidence: EvidenceService;
  let audit: AuditService;
  const actors = {} as Record<'alice' | 'bob' | 'manager', Actor>;
  let requestCounter = 0;
  const as = (who: keyof typeof actors): Actor => ({ ...actors[who], requestId: `req-${who}-${++requestCounter}` });
  const query = (q: Partial<FindingListQuery> = {}) => findingListQuerySchema.parse(q);

  /** A sale of a customer with a snapshot, and findings on it inserted as a scan would have. */
  async function saleWithFindings(findings: Partial<FindingInsert>[], sale: { soldAt?: string; saleId?: string } = {}) {
    const db = t.handle.db;
    const customer = await insertSnapshot(db, { asOf: '2024-01-01' });
    const product = await insertProduct(db);
    const s = await insertSale(db, { customerId: customer.customerId!, productCode: product.productCode, ...sale });
    const rows = await db
      .insert(complianceFindings)
      .values(
        findings.map((f) => ({
          customerId: customer.customerId!,
          saleId: s.saleId,
          ruleCode: 'RISK_MISMATCH',
          ruleVersion: 1,
          severity: 'high',
          facts: { customerRiskLevel: 'C2', productRiskLevel: 'R4' },
          soldAt: s.soldAt,
          productCode: product.productCode,
          ...f,
        })),
      )
      .returning({ id: complianceFindings.id, ruleCode: complianceFindings.ruleCode });
    return { customerId: customer.customerId!, sale: s, product, findings: rows };
  }

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    review = t.app.get(FindingReviewService);
    evidence = t.app.get(EvidenceService);
    audit = t.app.get(AuditService);
    const users = t.app.get(UserService);
    const user = async (username: string, role: Role, displayName: string) =>
      (await users.create({ username, role, displayName, password: `correct horse ${username} staple` }, SYSTEM_ACTOR)).user;
    const [alice, bob, manager] = await Promise.all([
      user('alice', 'compliance', 'Alice Wang'),
      user('bob', 'compliance', 'Bob Li'),
      user('mia', 'manager', 'Mia Chen'),
    ]);
    actors.alice = { userId: alice.id, role: 'compliance', via: 'session' };
    actors.bob = { userId: bob.id, role: 'compliance', via: 'session' };
    actors.manager = { userId: manager.id, role: 'manager', via: 'session' };
  });
  afterAll(async () => t?.close());

  it('the same reviewer approving a high-severity finding twice is refused; a second compliance officer approves it', async () => {
    const { findings } = await saleWithFindings([{ ruleCode: 'RISK_MISMATCH', severity: 'high' }]);
    const id = findings[0]!.id;

    const first = await review.decide(id, { decision: 'approve', reason: 'customer re-assessed C4 the same week' }, as('alice'));
    expect(first.finding.status).toBe('awaiting_second_approval');
    expect(first.finding.firstApproverId).toBe(actors.alice.userId);
    expect(first.allowedDecisions).toEqual(['reject', 'escalate']);

    await expect(review.decide(id, { decision: 'approve', reason: 'approving again' }, as('alice'))).rejects.toThrow(ForbiddenError);
    expect((await review.detail(id, as('alice'))).finding.status).toBe('awaiting_second_approval');
    expect((await review.detail(id, as('bob'))).allowedDecisions).toEqual(['approve', 'reject', 'escalate']);

    const second = await review.decide(id, { decision: 'approve', reason: 'checked the re-assessment record' }, as('bob'));
    expect(second.finding.status).toBe('approved');
    expect(second.allowedDecisions).toEqual([]);
    expect(second.history.map((h) => [h.fromStatus, h.toStatus, h.reviewerName, h.reviewerRole])).toEqual([
      ['open', 'awaiting_second_approval', 'Alice Wang', 'compliance'],
      ['awaiting_second_approval', 'approved', 'Bob Li', 'compliance'],
    ]);
    const [stored] = await t.handle.db.select().from(complianceFindings).where(sql`${complianceFindings.id} = ${id}`);
    expect(stored).toMatchObject({ status: 'approved', firstApproverId: actors.alice.userId, decidedBy: actors.bob.userId });
    expect(stored!.firstApprovedAt).toBeInstanceOf(Date);
    expect(stored!.decidedAt).toBeInstanceOf(Date);
  });

  it('audits every transition: who, role, action, before → after and the request id', async () => {
    const { findings } = await saleWithFindings([
      { ruleCode: 'RISK_MISMATCH', severity: 'high' },
      { ruleCode: 'STAFF_UNQUALIFIED', severity: 'medium', facts: { staffCode: 'S1', reason: 'expired' } },
    ]);
    const [high, medium] = [findings.find((f) => f.ruleCode === 'RISK_MISMATCH')!.id, findings.find((f) => f.ruleCode === 'STAFF_UNQUALIFIED')!.id];

    const a1 = as('alice');
    await review.decide(high, { decision: 'approve', reason: 'first look: justified' }, a1);
    const b1 = as('bob');
    await review.decide(high, { decision: 'reject', reason: 'second look: mis-sale' }, b1);
    const a2 = as('alice');
    await review.decide(medium, { decision: 'escalate', reason: 'needs the branch head' }, a2);
    const b2 = as('bob');
    await review.decide(medium, { decision: 'approve', reason: 'qualification renewed in time' }, b2);

    const entries = (id: string) =>
      audit.history('compliance-finding', id).then((rows) =>
        rows.map((r) => ({ actorId: r.actorId, role: r.actorRole, action: r.action, from: r.before?.status, to: r.after?.status, requestId: r.requestId, reason: r.after?.reason })),
      );
    expect(await entries(high)).toEqual([
      { actorId: actors.alice.userId, role: 'compliance', action: 'finding.first-approval', from: 'open', to: 'awaiting_second_approval', requestId: a1.requestId, reason: 'first look: justified' },
      { actorId: actors.bob.userId, role: 'compliance', action: 'finding.reject', from: 'awaiting_second_approval', to: 'rejected', requestId: b1.requestId, reason: 'second look: mis-sale' },
    ]);
    expect(await entries(medium)).toEqual([
      { actorId: actors.alice.userId, role: 'compliance', action: 'finding.escalate', from: 'open', to: 'escalated', requestId: a2.requestId, reason: 'needs the branch head' },
      { actorId: actors.bob.userId, role: 'compliance', action: 'finding.approve', from: 'escalated', to: 'approved', requestId: b2.requestId, reason: 'qualification renewed in time' },
    ]);
    const reviews = await t.handle.db.select().from(findingReviews).where(sql`${findingReviews.findingId} IN (${high}, ${medium})`);
    expect(reviews.map((r) => r.requestId).sort()).toEqual([a1.requestId, b1.requestId, a2.requestId, b2.requestId].sort());

    await expect(review.decide(medium, { decision: 'reject', reason: 'too late' }, as('alice'))).rejects.toThrow(ConflictError);
    expect(await entries(medium)).toHaveLength(2);
  });

  it('lets only compliance decide: a manager reads the finding with no decisions and is refused deciding it', async () => {
    const { findings } = await saleWithFindings([{ ruleCode: 'RISK_MISMATCH', severity: 'high' }]);
    const id = findings[0]!.id;
    expect((await review.detail(id, as('manager'))).allowedDecisions).toEqual([]);
    await expect(review.decide(id, { decision: 'reject', reason: 'manager tries' }, as('manager'))).rejects.toThrow(ForbiddenError);
    expect(await audit.history('compliance-finding', id)).toEqual([]);
  });

  it('decides low and info findings in bulk and refuses high, medium and already decided ones with their reason', async () => {
    const { findings } = await saleWithFindings([
      { ruleCode: 'DUPLICATE_COVER', severity: 'low' },
      { ruleCode: 'COOLING_OFF_CANCELLED', severity: 'info' },
      { ruleCode: 'AFFORDABILITY_HORIZON', severity: 'low', status: 'approved' },
      { ruleCode: 'RISK_MISMATCH', severity: 'high' },
      { ruleCode: 'STAFF_UNQUALIFIED', severity: 'medium' },
    ]);
    const byRule = Object.fromEntries(findings.map((f) => [f.ruleCode, f.id]));
    const missing = '00000000-0000-4000-8000-000000000000';
    const actor = as('alice');
    const outcome = await review.bulkDecide({ findingIds: [...findings.map((f) => f.id), missing], decision: 'approve', reason: 'duplicate cover agreed with customer' }, actor);

    expect(outcome.decided.map((d) => [d.id, d.status]).sort()).toEqual(
      [
        [byRule.DUPLICATE_COVER, 'approved'],
        [byRule.COOLING_OFF_CANCELLED, 'approved'],
      ].sort(),
    );
    const refused = Object.fromEntries(outcome.refused.map((r) => [r.id, r.reason]));
    expect(refused[byRule.RISK_MISMATCH!]).toMatch(/high-severity finding is decided one at a time/);
    expect(refused[byRule.STAFF_UNQUALIFIED!]).toMatch(/medium-severity/);
    expect(refused[byRule.AFFORDABILITY_HORIZON!]).toMatch(/approved; a decided finding cannot be reviewed again/);
    expect(refused[missing]).toBe('No such finding');

    expect((await review.detail(byRule.RISK_MISMATCH!, actor)).finding.status).toBe('open');
    for (const id of [byRule.DUPLICATE_COVER!, byRule.COOLING_OFF_CANCELLED!]) {
      const [entry] = await audit.history('compliance-finding', id);
      expect(entry).toMatchObject({ actorId: actors.alice.userId, actorRole: 'compliance', action: 'finding.approve', requestId: actor.requestId });
      expect(entry!.before).toMatchObject({ status: 'open' });
      expect(entry!.after).toMatchObject({ status: 'approved', reason: 'duplicate cover agreed with customer' });
      const detail = await review.detail(id, actor);
      expect(detail.history).toMatchObject([{ fromStatus: 'open', toStatus: 'approved', reviewerName: 'Alice Wang', reason: 'duplicate cover agreed with customer' }]);
    }
    expect(await audit.history('compliance-finding', byRule.RISK_MISMATCH!)).toEqual([]);
  });

  it('a declaration on file clears AFFORDABILITY_SINGLE, with a review row and audit entries, and leaves RISK_MISMATCH open', async () => {
    const { sale, findings } = await saleWithFindings([
      { ruleCode: 'AFFORDABILITY_SINGLE', severity: 'medium', facts: { premium: 2_000_000, householdAnnualIncome: 300_000, multiple: 4 } },
      { ruleCode: 'RISK_MISMATCH', severity: 'high' },
    ]);
    const affordability = findings.find((f) => f.ruleCode === 'AFFORDABILITY_SINGLE')!.id;
    const mismatch = findings.find((f) => f.ruleCode === 'RISK_MISMATCH')!.id;
    const actor = as('bob');

    const added = await evidence.add(sale.saleId, { kind: 'declaration', reference: 'DECL-2024-0042' }, actor);
    expect(added.clearedFindingIds).toEqual([affordability]);
    expect(added.evidence).toMatchObject({ saleId: sale.saleId, kind: 'declaration', reference: 'DECL-2024-0042', addedBy: actors.bob.userId, revokedAt: null });
    expect(added.evidence.clears).toEqual(['AFFORDABILITY_SINGLE', 'AFFORDABILITY_REGULAR', 'AFFORDABILITY_HORIZON']);

    const detail = await review.detail(affordability, actor);
    expect(detail.finding.status).toBe('cleared');
    expect(detail.allowedDecisions).toEqual([]);
    expect(detail.evidence.map((e) => e.id)).toEqual([added.evidence.id]);
    expect(detail.history).toEqual([
      expect.objectContaining({
        fromStatus: 'open',
        toStatus: 'cleared',
        reviewerId: actors.bob.userId,
        reviewerName: 'Bob Li',
        reason: 'cleared by declaration DECL-2024-0042',
        evidenceId: added.evidence.id,
      }),
    ]);
    const [stored] = await t.handle.db.select().from(complianceFindings).where(sql`${complianceFindings.id} = ${affordability}`);
    expect(stored!.clearedByEvidenceId).toBe(added.evidence.id);
    expect((await review.detail(mismatch, actor)).finding.status).toBe('open');

    expect(await audit.history('sale-evidence', added.evidence.id)).toEqual([
      expect.objectContaining({ action: 'evidence.add', actorId: actors.bob.userId, actorRole: 'compliance', requestId: actor.requestId }),
    ]);
    const [clear] = await audit.history('compliance-finding', affordability);
    expect(clear).toMatchObject({ action: 'finding.clear', actorId: actors.bob.userId, requestId: actor.requestId });
    expect(clear!.before).toMatchObject({ status: 'open' });
    expect(clear!.after).toMatchObject({ status: 'cleared', clearedByEvidenceId: added.evidence.id });
    expect(await audit.history('compliance-finding', mismatch)).toEqual([]);
  });

  it('refuses evidence for a sale id two customers share, naming the sale id, and for a sale that does not exist', async () => {
    const db = t.handle.db;
    const product = await insertProduct(db);
    for (const n of ['shared-a', 'shared-b']) {
      const c = await insertSnapshot(db, { customerId: pseudonym(n) });
      await insertSale(db, { customerId: c.customerId!, productCode: product.productCode, saleId: 'POL-SHARED-1' });
    }
    await expect(evidence.add('POL-SHARED-1', { kind: 'recording', reference: 'REC-1' }, as('alice'))).rejects.toThrow(
      /Sale id POL-SHARED-1 belongs to more than one customer/,
    );
    await expect(evidence.add('POL-NOWHERE', { kind: 'recording', reference: 'REC-1' }, as('alice'))).rejects.toThrow(/No sale POL-NOWHERE/);
    expect(await db.select().from(saleEvidence).where(sql`${saleEvidence.saleId} = 'POL-SHARED-1'`)).toEqual([]);
  });

  it('revokes evidence by marking it, never deleting it, audited with the reason', async () => {
    const { sale } = await saleWithFindings([{ ruleCode: 'DUAL_RECORDING_MISSING', severity: 'high' }]);
    const added = await evidence.add(sale.saleId, { kind: 'recording', reference: 'REC-7788' }, as('alice'));
    expect(added.clearedFindingIds).toHaveLength(1);

    const actor = as('bob');
    const revoked = await evidence.revoke(added.evidence.id, { reason: 'recording belongs to another policy' }, actor);
    expect(revoked.revokedAt).not.toBeNull();
    expect((await evidence.list(sale.saleId)).evidence).toEqual([expect.objectContaining({ id: added.evidence.id, revokedAt: revoked.revokedAt })]);
    const entries = await audit.history('sale-evidence', added.evidence.id);
    expect(entries.map((e) => e.action)).toEqual(['evidence.add', 'evidence.revoke']);
    expect(entries[1]).toMatchObject({ actorId: actors.bob.userId, requestId: actor.requestId });
    expect(entries[1]!.before).toMatchObject({ revokedAt: null });
    expect(entries[1]!.after).toMatchObject({ revokedAt: revoked.revokedAt, reason: 'recording belongs to another policy' });
    await expect(evidence.revoke(added.evidence.id, { reason: 'again' }, actor)).rejects.toThrow(ConflictError);
  });

  it('revoking the declaration that cleared AFFORDABILITY_SINGLE raises the rule again as an open finding', async () => {
    const db = t.handle.db;
    const customer = await insertSnapshot(db, { asOf: '2024-01-01', riskAssessedAt: '2024-01-01', householdAnnualIncome: 300_000 });
    const product = await insertProduct(db, { category: 'participating_annuity', riskLevel: 'R3', premiumMode: 'single' });
    const sale = await insertSale(db, { customerId: customer.customerId!, productCode: product.productCode, premiumMode: 'single', amount: 2_000_000 });
    const openFindings = async () =>
      (await review.list(query({ productCode: product.productCode }))).items.filter((i) => i.status === 'open').map((i) => i.ruleCode);

    await t.app.get(ComplianceScanService).scanCustomers([customer.customerId!]);
    expect(await openFindings()).toEqual(['AFFORDABILITY_SINGLE']);

    const added = await evidence.add(sale.saleId, { kind: 'declaration', reference: 'DECL-REVOKE-1' }, as('alice'));
    expect(added.clearedFindingIds).toHaveLength(1);
    expect(await openFindings()).toEqual([]);

    const bob = as('bob');
    await evidence.revoke(added.evidence.id, { reason: 'declaration was not signed by the customer' }, bob);
    expect(await openFindings()).toEqual(['AFFORDABILITY_SINGLE']);
    const findingId = added.clearedFindingIds[0]!;
    const detail = await review.detail(findingId, as('alice'));
    expect(detail.finding.facts).toMatchObject({ premium: 2_000_000, householdAnnualIncome: 300_000 });
    expect(detail.history.slice(-1)).toEqual([
      expect.objectContaining({
        fromStatus: 'cleared',
        toStatus: 'open',
        reviewerId: actors.bob.userId,
        evidenceId: added.evidence.id,
        reason: 'declaration DECL-REVOKE-1 revoked: declaration was not signed by the customer',
      }),
    ]);
    const entries = await audit.history('compliance-finding', findingId);
    expect(entries.map((e) => [e.action, e.before?.status, e.after?.status])).toEqual([
      ['finding.clear', 'open', 'cleared'],
      ['finding.reopen', 'cleared', 'open'],
    ]);
    expect(entries[1]).toMatchObject({ actorId: actors.bob.userId, requestId: bob.requestId });
  });

  it('a finding another standing declaration clears stays cleared when one of them is revoked', async () => {
    const { sale, findings } = await saleWithFindings([{ ruleCode: 'AFFORDABILITY_REGULAR', severity: 'medium' }]);
    const first = await evidence.add(sale.saleId, { kind: 'declaration', reference: 'DECL-A' }, as('alice'));
    const second = await evidence.add(sale.saleId, { kind: 'declaration', reference: 'DECL-B' }, as('alice'));
    expect(first.clearedFindingIds).toEqual([findings[0]!.id]);
    expect(second.clearedFindingIds).toEqual([]);

    await evidence.revoke(first.evidence.id, { reason: 'superseded by DECL-B' }, as('bob'));
    const [stored] = await t.handle.db.select().from(complianceFindings).where(sql`${complianceFindings.id} = ${findings[0]!.id}`);
    expect(stored).toMatchObject({ status: 'cleared', clearedByEvidenceId: second.evidence.id });
  });

  it('evidence clears what the settings in force at the sale date let its kind clear', async () => {
    await t.app.get(ComplianceRuleSetService).versions();
    await t.handle.db.insert(complianceRuleSets).values({
      settings: { ...DEFAULT_COMPLIANCE_SETTINGS, evidenceClears: { ...DEFAULT_COMPLIANCE_SETTINGS.evidenceClears, approval: ['DUPLICATE_COVER', 'STAFF_UNQUALIFIED'] } },
      effectiveFrom: '2030-01-01',
      note: 'approvals also clear unqualified-staff findings',
    });
    const before = await saleWithFindings([{ ruleCode: 'STAFF_UNQUALIFIED', severity: 'medium' }], { soldAt: '2029-12-31' });
    const after = await saleWithFindings([{ ruleCode: 'STAFF_UNQUALIFIED', severity: 'medium' }], { soldAt: '2030-01-01' });

    const old = await evidence.add(before.sale.saleId, { kind: 'approval', reference: 'APR-1' }, as('alice'));
    const current = await evidence.add(after.sale.saleId, { kind: 'approval', reference: 'APR-2' }, as('alice'));
    expect(old.evidence.clears).toEqual(['DUPLICATE_COVER']);
    expect(old.clearedFindingIds).toEqual([]);
    expect(current.evidence.clears).toEqual(['DUPLICATE_COVER', 'STAFF_UNQUALIFIED']);
    expect(current.clearedFindingIds).toEqual([after.findings[0]!.id]);
  });

  it('never deletes: a DELETE on findings, reviews or evidence raises an error', async () => {
    const { sale, findings } = await saleWithFindings([{ ruleCode: 'AFFORDABILITY_SINGLE', severity: 'medium' }]);
    await evidence.add(sale.saleId, { kind: 'declaration', reference: 'DECL-KEEP' }, as('alice'));
    const id = findings[0]!.id;
    await expect(t.handle.db.execute(sql`DELETE FROM compliance_findings WHERE id = ${id}`)).rejects.toThrow();
    await expect(t.handle.db.execute(sql`DELETE FROM finding_reviews WHERE finding_id = ${id}`)).rejects.toThrow();
    await expect(t.handle.db.execute(sql`DELETE FROM sale_evidence WHERE sale_id = ${sale.saleId}`)).rejects.toThrow();
    await expect(t.handle.db.execute(sql`UPDATE finding_reviews SET reason = 'rewritten' WHERE finding_id = ${id}`)).rejects.toThrow();
    expect((await review.detail(id, as('alice'))).history).toHaveLength(1);
  });

  it('shows the customer as they were at the sale date, pseudonymised, and the product at its higher rating', async () => {
    const db = t.handle.db;
    const customerId = pseudonym('as-at-sale');
    await insertSnapshot(db, { customerId, asOf: '2023-01-01', riskLevel: 'C1', region: 'Beijing', birthDate: '1958-07-01', householdAnnualIncome: 100_000 });
    await insertSnapshot(db, { customerId, asOf: '2024-03-01', riskLevel: 'C2', region: 'Shanghai', birthDate: '1958-07-01', householdAnnualIncome: 200_000 });
    await insertSnapshot(db, { customerId, asOf: '2025-01-01', riskLevel: 'C5', region: 'Shenzhen', birthDate: '1958-07-01', householdAnnualIncome: 900_000 });
    const product = await insertProduct(db, { riskLevel: 'R3', name: 'Golden Years Annuity' });
    await insertProductRating(db, { productCode: product.productCode, ratedBy: 'BANK', riskLevel: 'R4' });
    await insertProductRating(db, { productCode: product.productCode, ratedBy: 'INSURER', riskLevel: 'R2' });
    const sale = await insertSale(db, { customerId, productCode: product.productCode, soldAt: '2024-06-15', amount: 50_000, premiumMode: 'annual', channel: 'branch' });
    const [finding] = await db
      .insert(complianceFindings)
      .values({ customerId, saleId: sale.saleId, ruleCode: 'RISK_MISMATCH', ruleVersion: 1, severity: 'high', facts: { customerRiskLevel: 'C2', productRiskLevel: 'R4' }, soldAt: '2024-06-15', productCode: product.productCode, branchCode: 'B9' })
      .returning({ id: complianceFindings.id });

    const detail = findingDetailSchema.parse(await review.detail(finding!.id, as('manager')));
    expect(detail.customerAtSale).toEqual({
      customerRef: customerId.slice(0, 12),
      asOf: '2024-03-01',
      ageAtSale: 65,
      region: 'Shanghai',
      riskLevel: 'C2',
      riskAssessedAt: '2023-06-01',
      monthlyIncome: 20_000,
      householdAnnualIncome: 200_000,
      consentMarketing: true,
      consentDataSharing: true,
    });
    expect(detail.product).toMatchObject({ name: 'Golden Years Annuity', riskLevel: 'R4', ratings: [{ ratedBy: 'BANK', riskLevel: 'R4' }, { ratedBy: 'INSURER', riskLevel: 'R2' }] });
    expect(detail.sale).toMatchObject({ saleId: sale.saleId, soldAt: '2024-06-15', amount: 50_000, premiumMode: 'annual', channel: 'branch' });
    expect(detail.rule).toEqual({ code: 'RISK_MISMATCH', version: 1, effectiveFrom: '1970-01-01', severity: 'high' });
    expect(detail.finding.customerRef).toBe(customerId.slice(0, 12));
    expect(JSON.stringify(detail)).not.toContain(customerId);
  });

  describe('list and export', () => {
    const customerId = pseudonym('queue-filters');
    const rows: Partial<FindingInsert>[] = [
      { saleId: 'Q1', ruleCode: 'RISK_MISMATCH', severity: 'high', status: 'open', soldAt: '2022-01-10', productCode: 'QP1', branchCode: 'QB1', staffCode: 'QS1', campaignCode: 'QC1' },
      { saleId: 'Q2', ruleCode: 'RISK_MISMATCH', severity: 'high', status: 'approved', soldAt: '2022-02-10', productCode: 'QP1', branchCode: 'QB2', staffCode: 'QS1', campaignCode: null },
      { saleId: 'Q3', ruleCode: 'DUPLICATE_COVER', severity: 'low', status: 'open', soldAt: '2022-03-10', productCode: 'QP2', branchCode: 'QB1', staffCode: 'QS2', campaignCode: 'QC1' },
      { saleId: 'Q4', ruleCode: 'COOLING_OFF_CANCELLED', severity: 'info', status: 'escalated', soldAt: '2022-04-10', productCode: 'QP2', branchCode: 'QB2', staffCode: 'QS2', campaignCode: 'QC2' },
      { saleId: 'Q5', ruleCode: 'CONSENT_MISSING', severity: 'high', status: 'open', soldAt: '2022-05-10', productCode: 'QP3', branchCode: '=cmd|calc', staffCode: 'QS3', campaignCode: 'QC2' },
    ];

    beforeAll(async () => {
      await t.handle.db.insert(complianceFindings).values(rows.map((r) => ({ customerId, ruleVersion: 1, facts: { note: 'x' }, ...r }) as FindingInsert));
    });

    const sales = async (q: Partial<FindingListQuery>) => (await review.list(query({ from: '2022-01-01', to: '2022-12-31', ...q }))).items.map((i) => i.saleId);

    it('filters by severity, rule, status, branch, staff, product, campaign and sale date, newest sale first', async () => {
      expect(await sales({})).toEqual(['Q5', 'Q4', 'Q3', 'Q2', 'Q1']);
      expect(await sales({ severity: 'high' })).toEqual(['Q5', 'Q2', 'Q1']);
      expect(await sales({ ruleCode: 'RISK_MISMATCH' })).toEqual(['Q2', 'Q1']);
      expect(await sales({ status: 'open' })).toEqual(['Q5', 'Q3', 'Q1']);
      expect(await sales({ branchCode: 'QB2' })).toEqual(['Q4', 'Q2']);
      expect(await sales({ staffCode: 'QS2' })).toEqual(['Q4', 'Q3']);
      expect(await sales({ productCode: 'QP1' })).toEqual(['Q2', 'Q1']);
      expect(await sales({ campaignCode: 'QC1' })).toEqual(['Q3', 'Q1']);
      expect(await sales({ from: '2022-02-10', to: '2022-04-10' })).toEqual(['Q4', 'Q3', 'Q2']);
      expect(await sales({ severity: 'high', status: 'open', campaignCode: 'QC2' })).toEqual(['Q5']);
    });

    it('pages the queue and counts findings per status under the same filters', async () => {
      const page1 = await review.list(query({ from: '2022-01-01', to: '2022-12-31', pageSize: 2 }));
      const page3 = await review.list(query({ from: '2022-01-01', to: '2022-12-31', pageSize: 2, page: 3 }));
      expect(page1.items.map((i) => i.saleId)).toEqual(['Q5', 'Q4']);
      expect(page3.items.map((i) => i.saleId)).toEqual(['Q1']);
      expect(page1.total).toBe(5);
      const open = await review.list(query({ from: '2022-01-01', to: '2022-12-31', status: 'open', branchCode: 'QB1' }));
      expect(open.total).toBe(2);
      const counts = Object.fromEntries(open.statusCounts.map((c) => [c.status, c.findings]));
      expect(counts).toMatchObject({ open: 2, approved: 0, escalated: 0, rejected: 0, cleared: 0 });
      const all = Object.fromEntries(page1.statusCounts.map((c) => [c.status, c.findings]));
      expect(all).toMatchObject({ open: 3, approved: 1, escalated: 1 });
      expect(page1.items[0]!.customerRef).toBe(customerId.slice(0, 12));
    });

    it('exports every finding under the filters as formula-safe CSV and as Arrow, with the customer reference only', async () => {
      const csv = (await readAll(review.exportFindings({ from: '2022-01-01', to: '2022-12-31' }, 'csv').body)).toString('utf8');
      const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('id,sale_id,customer_ref,rule_code,rule_version,severity,status,sold_at,product_code,branch_code,staff_code,campaign_code,facts,first_approver_id,decided_by,decided_at,created_at,updated_at');
      expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Q5', 'Q4', 'Q3', 'Q2', 'Q1']);
      expect(csv).toContain("'=cmd|calc");
      expect(csv).not.toContain(customerId);
      expect(csv).toContain(customerId.slice(0, 12));

      const arrow = tableFromIPC(await readAll(review.exportFindings({ severity: 'high', from: '2022-01-01', to: '2022-12-31' }, 'arrow').body));
      expect(arrow.numRows).toBe(3);
      expect(arrow.getChild('sale_id')!.toArray()).toEqual(['Q5', 'Q2', 'Q1']);
    });

    it('walks an export of more than one page without skipping or repeating a finding', async () => {
      await t.handle.db.execute(sql`
        INSERT INTO compliance_findings (customer_id, sale_id, rule_code, rule_version, severity, facts, sold_at, product_code)
        SELECT ${customerId}, 'BULK' || g, 'DUPLICATE_COVER', 1, 'low', '{}'::jsonb, DATE '2021-01-01' + (g % 7), 'QBULK'
        FROM generate_series(1, 2345) g`);
      const csv = (await readAll(review.exportFindings({ productCode: 'QBULK' }, 'csv').body)).toString('utf8');
      const saleIds = csv.trim().split('\r\n').slice(1).map((l) => l.split(',')[1]);
      expect(saleIds).toHaveLength(2345);
      expect(new Set(saleIds).size).toBe(2345);
    });
  });
});

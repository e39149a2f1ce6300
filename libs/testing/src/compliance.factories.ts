import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  branches,
  complaints,
  customers,
  customerSnapshots,
  productRiskRatings,
  products,
  saleEvidence,
  sales,
  staff,
  type Database,
} from '@banca/db';

/**
 * Small factories for compliance scenarios: each inserts one row with business defaults and returns what
 * it inserted, overrides win. Codes and ids are unique within a test process unless given.
 */

let sequence = 0;
const next = () => ++sequence;

/** A customer pseudonym (64 hex characters, as HMAC-SHA256 gives) for test customer `n`. */
export function pseudonym(n: number | string): string {
  return createHash('sha256').update(`test-customer-${n}`).digest('hex');
}

export type ProductInsert = typeof products.$inferInsert;
export type ProductRatingInsert = typeof productRiskRatings.$inferInsert;
export type StaffInsert = typeof staff.$inferInsert;
export type BranchInsert = typeof branches.$inferInsert;
export type SnapshotInsert = typeof customerSnapshots.$inferInsert;
export type SaleInsert = typeof sales.$inferInsert;
export type ComplaintInsert = typeof complaints.$inferInsert;
export type EvidenceInsert = typeof saleEvidence.$inferInsert;

/** A participating annuity (non-guaranteed, regular premium, 10 years), R3, 15 cooling-off days. */
export async function insertProduct(db: Database, overrides: Partial<ProductInsert> = {}): Promise<ProductInsert> {
  const n = next();
  const row: ProductInsert = {
    productCode: `P${n}`,
    name: `Product ${n}`,
    provider: 'INSURER',
    category: 'participating_annuity',
    riskLevel: 'R3',
    premiumMode: 'annual',
    termYears: 10,
    coolingOffDays: 15,
    feeRate: 0.1,
    ...overrides,
  };
  await db.insert(products).values(row);
  return row;
}

/** A partner's rating of a product (the higher of all ratings applies). */
export async function insertProductRating(
  db: Database,
  overrides: Pick<ProductRatingInsert, 'productCode'> & Partial<ProductRatingInsert>,
): Promise<ProductRatingInsert> {
  const row: ProductRatingInsert = { ratedBy: 'BANK', riskLevel: 'R4', ...overrides };
  await db.insert(productRiskRatings).values(row);
  return row;
}

/** A seller qualified from 2015 to 2099. */
export async function insertStaff(db: Database, overrides: Partial<StaffInsert> = {}): Promise<StaffInsert> {
  const n = next();
  const row: StaffInsert = {
    staffCode: `S${n}`,
    name: `Seller ${n}`,
    branchCode: null,
    region: null,
    qualifiedSince: '2015-01-01',
    qualifiedUntil: '2099-12-31',
    ...overrides,
  };
  await db.insert(staff).values(row);
  return row;
}

export async function insertBranch(db: Database, overrides: Partial<BranchInsert> = {}): Promise<BranchInsert> {
  const n = next();
  const row: BranchInsert = { branchCode: `B${n}`, name: `Branch ${n}`, region: 'Shanghai', ...overrides };
  await db.insert(branches).values(row);
  return row;
}

/**
 * A customer snapshot (as_of 2024-01-01 unless given): a C3 customer born 1980-06-15, monthly income
 * 20,000, household 300,000, assessed 2023-06-01, both consents. Also upserts the customers row, which
 * holds the snapshot with the greatest as_of.
 */
export async function insertSnapshot(db: Database, overrides: Partial<SnapshotInsert> = {}): Promise<SnapshotInsert> {
  const row: SnapshotInsert = {
    customerId: pseudonym(next()),
    asOf: '2024-01-01',
    birthDate: '1980-06-15',
    birthYear: 1980,
    region: 'Shanghai',
    branchCode: null,
    monthlyIncome: 20_000,
    householdAnnualIncome: 300_000,
    investableAssets: 500_000,
    riskLevel: 'C3',
    riskAssessedAt: '2023-06-01',
    consentMarketing: true,
    consentDataSharing: true,
    ...overrides,
  };
  await db.insert(customerSnapshots).values(row);
  const { createdAt: _c, updatedAt: _u, ...current } = row;
  await db
    .insert(customers)
    .values(current)
    .onConflictDoUpdate({
      target: customers.customerId,
      set: Object.fromEntries(
        Object.keys(current)
          .filter((k) => k !== 'customerId')
          .map((k) => [k, sql.raw(`excluded.${columnName(k)}`)]),
      ),
      setWhere: sql`${customers.asOf} <= excluded.as_of`,
    });
  return row;
}

function columnName(key: string): string {
  const column = (customers as unknown as Record<string, { name: string }>)[key];
  if (!column) throw new Error(`customers has no column ${key}`);
  return `"${column.name}"`;
}

/** An active sale on 2024-06-15 of 10,000 (premium per period), needs a customer and a product. */
export async function insertSale(
  db: Database,
  overrides: Pick<SaleInsert, 'customerId' | 'productCode'> & Partial<SaleInsert>,
): Promise<SaleInsert> {
  const n = next();
  const row: SaleInsert = {
    saleId: `SALE${String(n).padStart(6, '0')}`,
    soldAt: '2024-06-15',
    amount: 10_000,
    premiumMode: null,
    channel: 'app',
    branchCode: null,
    staffCode: null,
    campaignCode: null,
    customerRiskLevelAtSale: null,
    dualRecording: true,
    status: 'active',
    statusAt: null,
    ...overrides,
  };
  await db.insert(sales).values(row);
  return row;
}

/** A mis-selling complaint received 2024-07-01; link it to a sale with `saleId`. */
export async function insertComplaint(
  db: Database,
  overrides: Pick<ComplaintInsert, 'customerId'> & Partial<ComplaintInsert>,
): Promise<ComplaintInsert> {
  const n = next();
  const row: ComplaintInsert = { complaintId: `CMP${n}`, receivedAt: '2024-07-01', category: 'mis_selling', saleId: null, ...overrides };
  await db.insert(complaints).values(row);
  return row;
}

/** A signed declaration on file for a sale (not revoked); returns the row with its id. */
export async function insertEvidence(
  db: Database,
  overrides: Pick<EvidenceInsert, 'customerId' | 'saleId'> & Partial<EvidenceInsert>,
): Promise<EvidenceInsert & { id: string }> {
  const n = next();
  const row: EvidenceInsert = { kind: 'declaration', reference: `DOC-${n}`, clears: [], ...overrides };
  const [inserted] = await db.insert(saleEvidence).values(row).returning({ id: saleEvidence.id });
  return { ...row, id: inserted!.id };
}

import { date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, ratio, updatedAt } from './columns';

/** Small reference tables (replicated on Citus). */
export const products = pgTable('products', {
  productCode: text('product_code').primaryKey(),
  name: text('name').notNull(),
  provider: text('provider').notNull(),
  category: text('category').notNull(),
  riskLevel: text('risk_level').notNull(),
  premiumMode: text('premium_mode'),
  termYears: integer('term_years'),
  coolingOffDays: integer('cooling_off_days').notNull().default(15),
  feeRate: ratio('fee_rate'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A product rated by both partners: the higher rating applies (RULES.md RISK_MISMATCH). */
export const productRiskRatings = pgTable(
  'product_risk_ratings',
  {
    productCode: text('product_code').notNull(),
    ratedBy: text('rated_by').notNull(),
    riskLevel: text('risk_level').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.productCode, t.ratedBy] })],
);

export const branches = pgTable('branches', {
  branchCode: text('branch_code').primaryKey(),
  name: text('name'),
  region: text('region'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const staff = pgTable(
  'staff',
  {
    staffCode: text('staff_code').primaryKey(),
    name: text('name'),
    branchCode: text('branch_code'),
    region: text('region'),
    qualifiedUntil: date('qualified_until', { mode: 'string' }),
    qualifiedSince: date('qualified_since', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('staff_branch_idx').on(t.branchCode)],
);

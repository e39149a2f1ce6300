import { boolean, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, money, updatedAt } from './columns';

/**
 * Customer attributes shared by the current row and its snapshots. customer_id is always the
 * HMAC-SHA256 pseudonym (64 hex characters), never the partner's raw identifier.
 */
const customerAttributes = () => ({
  birthDate: date('birth_date', { mode: 'string' }),
  birthYear: integer('birth_year'),
  gender: text('gender'),
  region: text('region'),
  branchCode: text('branch_code'),
  monthlyIncome: money('monthly_income'),
  householdAnnualIncome: money('household_annual_income'),
  investableAssets: money('investable_assets'),
  depositBalance: money('deposit_balance'),
  wealthBalance: money('wealth_balance'),
  payroll: boolean('payroll'),
  hasMortgage: boolean('has_mortgage'),
  mortgageBalance: money('mortgage_balance'),
  cardSpend12m: money('card_spend_12m'),
  riskLevel: text('risk_level'),
  riskAssessedAt: date('risk_assessed_at', { mode: 'string' }),
  consentMarketing: boolean('consent_marketing'),
  consentDataSharing: boolean('consent_data_sharing'),
});

/** The latest known state of each customer (the snapshot with the greatest as_of). */
export const customers = pgTable(
  'customers',
  {
    customerId: text('customer_id').primaryKey(),
    ...customerAttributes(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    sourceRunId: uuid('source_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('customers_branch_idx').on(t.branchCode), index('customers_region_idx').on(t.region)],
);

/** Every as_of a partner sent: AUM and tier history, and the customer "as they were at the sale date". */
export const customerSnapshots = pgTable(
  'customer_snapshots',
  {
    customerId: text('customer_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    ...customerAttributes(),
    sourceRunId: uuid('source_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.asOf] }), index('customer_snapshots_as_of_idx').on(t.asOf)],
);

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerSnapshotRow = typeof customerSnapshots.$inferSelect;

export const customerAttributeColumns = Object.keys(customerAttributes()) as (keyof ReturnType<
  typeof customerAttributes
>)[];


import { date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, money, ratio, tstz, updatedAt } from './columns';

export const campaigns = pgTable(
  'campaigns',
  {
    campaignCode: text('campaign_code').primaryKey(),
    name: text('name').notNull(),
    /** platform: planned and launched here; imported: history loaded from a file */
    origin: text('origin').notNull().default('platform'),
    bankPartner: text('bank_partner'),
    insurerPartner: text('insurer_partner'),
    status: text('status').notNull().default('draft'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    attributionDays: integer('attribution_days').notNull().default(30),
    target: jsonb('target').$type<Record<string, unknown>>(),
    productCodes: text('product_codes').array().notNull().default([]),
    offer: jsonb('offer').$type<Record<string, unknown>>(),
    channels: text('channels').array().notNull().default([]),
    budget: money('budget'),
    budgetLines: jsonb('budget_lines').$type<Record<string, number>>(),
    goal: jsonb('goal').$type<Record<string, unknown>>(),
    holdoutShare: ratio('holdout_share').notNull().default(0.1),
    contactPolicy: jsonb('contact_policy').$type<Record<string, unknown>>(),
    launchedAt: tstz('launched_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_status_idx').on(t.status)],
);

/** Launch result: every targeted customer, in treatment or holdout, or excluded with the reason. */
export const audienceMembers = pgTable(
  'audience_members',
  {
    customerId: text('customer_id').notNull(),
    campaignCode: text('campaign_code').notNull(),
    group: text('group').notNull(),
    exclusionReason: text('exclusion_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignCode] }),
    index('audience_members_campaign_idx').on(t.campaignCode, t.group),
  ],
);

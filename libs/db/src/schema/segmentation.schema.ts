import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from './columns';

/** Tier thresholds as a versioned setting with an effective date (PRODUCT.md). */
export const tierRuleSets = pgTable('tier_rule_sets', {
  version: serial('version').primaryKey(),
  thresholds: jsonb('thresholds').$type<Record<string, number>>().notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

/** Each customer's current tier (derived; recomputed by the re-tier job). */
export const customerTiers = pgTable(
  'customer_tiers',
  {
    customerId: text('customer_id').primaryKey(),
    tier: text('tier').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    computedAt: tstz('computed_at').notNull().defaultNow(),
  },
  (t) => [index('customer_tiers_tier_idx').on(t.tier)],
);

/** Tier per customer per snapshot date, so migration between two dates can be charted. */
export const tierHistory = pgTable(
  'tier_history',
  {
    customerId: text('customer_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    tier: text('tier').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    computedAt: tstz('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.asOf] }), index('tier_history_as_of_idx').on(t.asOf, t.tier)],
);

/** Saved segments: a rule tree stored as JSON, compiled to SQL. */
export const segments = pgTable('segments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description'),
  rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

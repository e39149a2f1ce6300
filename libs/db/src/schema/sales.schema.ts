import { boolean, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, money, updatedAt } from './columns';

/** Sales and policies. Keyed by (customer_id, sale_id) so the table can be distributed by customer. */
export const sales = pgTable(
  'sales',
  {
    customerId: text('customer_id').notNull(),
    saleId: text('sale_id').notNull(),
    productCode: text('product_code').notNull(),
    soldAt: date('sold_at', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull().default('CNY'),
    premiumMode: text('premium_mode'),
    channel: text('channel'),
    branchCode: text('branch_code'),
    staffCode: text('staff_code'),
    campaignCode: text('campaign_code'),
    customerRiskLevelAtSale: text('customer_risk_level_at_sale'),
    dualRecording: boolean('dual_recording'),
    status: text('status').notNull().default('active'),
    statusAt: date('status_at', { mode: 'string' }),
    renewedAt: date('renewed_at', { mode: 'string' }),
    sourceRunId: uuid('source_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.saleId] }),
    index('sales_sale_id_idx').on(t.saleId),
    index('sales_product_sold_idx').on(t.productCode, t.soldAt),
    index('sales_sold_at_idx').on(t.soldAt),
    index('sales_branch_idx').on(t.branchCode),
    index('sales_staff_idx').on(t.staffCode),
  ],
);

export const campaignEvents = pgTable(
  'campaign_events',
  {
    customerId: text('customer_id').notNull(),
    campaignCode: text('campaign_code').notNull(),
    event: text('event').notNull(),
    occurredAt: date('occurred_at', { mode: 'string' }).notNull(),
    channel: text('channel'),
    group: text('group'),
    sourceRunId: uuid('source_run_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignCode, t.event, t.occurredAt] }),
    index('campaign_events_campaign_idx').on(t.campaignCode, t.event, t.occurredAt),
  ],
);

export const complaints = pgTable(
  'complaints',
  {
    customerId: text('customer_id').notNull(),
    complaintId: text('complaint_id').notNull(),
    receivedAt: date('received_at', { mode: 'string' }).notNull(),
    category: text('category'),
    saleId: text('sale_id'),
    campaignCode: text('campaign_code'),
    channel: text('channel'),
    resolvedAt: date('resolved_at', { mode: 'string' }),
    upheld: boolean('upheld'),
    sourceRunId: uuid('source_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.complaintId] }),
    index('complaints_received_idx').on(t.receivedAt),
    index('complaints_sale_idx').on(t.saleId),
  ],
);

import { PREMIUM_MODES, SALE_STATUSES } from '@banca/domain';
import type { EntityDefinition } from './entity-definition';

/** DATA.md `sales` (policies for insurance): amounts are stored as given, in `currency` (CNY by default). */
export const SALES_ENTITY: EntityDefinition = {
  entity: 'sales',
  fields: [
    { name: 'sale_id', kind: 'text', required: true },
    { name: 'customer_id', kind: 'customer-id', required: true },
    { name: 'product_code', kind: 'text', required: true },
    { name: 'sold_at', kind: 'date', required: true },
    { name: 'amount', kind: 'amount', required: true },
    { name: 'currency', kind: 'currency', default: 'CNY' },
    { name: 'premium_mode', kind: 'code', codes: PREMIUM_MODES },
    // Channel codes are kept as given: partners' own codes (e.g. `cellular`) stay distinguishable.
    { name: 'channel', kind: 'text' },
    { name: 'branch_code', kind: 'text' },
    { name: 'staff_code', kind: 'text' },
    { name: 'campaign_code', kind: 'text' },
    { name: 'customer_risk_level_at_sale', kind: 'customer-risk-level' },
    { name: 'dual_recording', kind: 'boolean' },
    { name: 'status', kind: 'code', codes: SALE_STATUSES, default: 'active' },
    { name: 'status_at', kind: 'date' },
    { name: 'renewed_at', kind: 'date' },
  ],
  key: ['sale_id'],
};

import { COMPLAINT_CATEGORIES } from '@banca/domain';
import type { EntityDefinition } from './entity-definition';

/** DATA.md `complaints`: a complaint may name the sale and the campaign it is about. */
export const COMPLAINTS_ENTITY: EntityDefinition = {
  entity: 'complaints',
  fields: [
    { name: 'complaint_id', kind: 'text', required: true },
    { name: 'customer_id', kind: 'customer-id', required: true },
    { name: 'received_at', kind: 'date', required: true },
    { name: 'category', kind: 'code', codes: COMPLAINT_CATEGORIES },
    { name: 'sale_id', kind: 'text' },
    { name: 'campaign_code', kind: 'text' },
    { name: 'channel', kind: 'text' },
    { name: 'resolved_at', kind: 'date' },
    { name: 'upheld', kind: 'boolean' },
  ],
  key: ['complaint_id'],
  complete(row) {
    const received = row.get('received_at');
    const resolved = row.get('resolved_at');
    if (typeof received === 'string' && typeof resolved === 'string' && resolved < received) {
      return [{ field: 'resolved_at', reason: 'before received_at' }];
    }
    return undefined;
  },
};

import type { EntityDefinition } from './entity-definition';

/**
 * DATA.md `campaigns` imported from elsewhere (history): stored with origin `imported`. product_codes and
 * channels are `;`-separated lists.
 */
export const CAMPAIGNS_ENTITY: EntityDefinition = {
  entity: 'campaigns',
  fields: [
    { name: 'campaign_code', kind: 'text', required: true },
    { name: 'name', kind: 'text', required: true },
    { name: 'start_date', kind: 'date', required: true },
    { name: 'end_date', kind: 'date', required: true },
    { name: 'product_codes', kind: 'list' },
    { name: 'channels', kind: 'list' },
    { name: 'budget', kind: 'amount' },
    // DATA.md: an imported campaign has no holdout unless its file says so.
    { name: 'holdout_share', kind: 'share', default: 0 },
  ],
  key: ['campaign_code'],
  complete(row) {
    const start = row.get('start_date');
    const end = row.get('end_date');
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      return [{ field: 'end_date', reason: 'before start_date' }];
    }
    return undefined;
  },
};

import { AUDIENCE_GROUPS, CAMPAIGN_EVENT_TYPES } from '@banca/domain';
import { LOAD_DATE, type EntityDefinition } from './entity-definition';

/**
 * DATA.md `campaign_events`, keyed by (campaign_code, customer_id, event, occurred_at). occurred_at is part
 * of the key, so a file without it dates its events on the load date (and the run says so).
 */
export const CAMPAIGN_EVENTS_ENTITY: EntityDefinition = {
  entity: 'campaign_events',
  fields: [
    { name: 'campaign_code', kind: 'text', required: true },
    { name: 'customer_id', kind: 'customer-id', required: true },
    { name: 'event', kind: 'code', codes: CAMPAIGN_EVENT_TYPES, required: true },
    { name: 'channel', kind: 'text' },
    { name: 'occurred_at', kind: 'date', default: LOAD_DATE },
    { name: 'group', kind: 'code', codes: AUDIENCE_GROUPS },
  ],
  key: ['campaign_code', 'customer_id', 'event', 'occurred_at'],
};

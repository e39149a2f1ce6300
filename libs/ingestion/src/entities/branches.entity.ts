import type { EntityDefinition } from './entity-definition';

/** DATA.md `branches`: names as the bank writes them (often Chinese, from GBK exports). */
export const BRANCHES_ENTITY: EntityDefinition = {
  entity: 'branches',
  fields: [
    { name: 'branch_code', kind: 'text', required: true },
    { name: 'name', kind: 'text' },
    { name: 'region', kind: 'text' },
  ],
  key: ['branch_code'],
};

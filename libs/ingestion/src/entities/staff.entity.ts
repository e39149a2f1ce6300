import type { EntityDefinition } from './entity-definition';

/** DATA.md `staff`: qualified_until (and since) are the sales qualification RULES.md STAFF_UNQUALIFIED checks. */
export const STAFF_ENTITY: EntityDefinition = {
  entity: 'staff',
  fields: [
    { name: 'staff_code', kind: 'text', required: true },
    { name: 'name', kind: 'text' },
    { name: 'branch_code', kind: 'text' },
    { name: 'region', kind: 'text' },
    { name: 'qualified_until', kind: 'date' },
    { name: 'qualified_since', kind: 'date' },
  ],
  key: ['staff_code'],
};

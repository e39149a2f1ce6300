import { LOAD_DATE, type CellValue, type EntityDefinition } from './entity-definition';

/** DATA.md `customers`: keyed by the (pseudonymised) customer_id, one snapshot per as_of. */
export const CUSTOMERS_ENTITY: EntityDefinition = {
  entity: 'customers',
  fields: [
    { name: 'customer_id', kind: 'customer-id', required: true },
    { name: 'birth_date', kind: 'date' },
    { name: 'birth_year', kind: 'year' },
    { name: 'gender', kind: 'text' },
    { name: 'region', kind: 'text' },
    { name: 'branch_code', kind: 'text' },
    { name: 'monthly_income', kind: 'amount' },
    { name: 'household_annual_income', kind: 'amount' },
    { name: 'investable_assets', kind: 'amount' },
    // An average balance of current and deposit accounts is below zero when they are overdrawn.
    { name: 'deposit_balance', kind: 'amount', signed: true },
    { name: 'wealth_balance', kind: 'amount' },
    { name: 'payroll', kind: 'boolean' },
    { name: 'has_mortgage', kind: 'boolean' },
    { name: 'mortgage_balance', kind: 'amount' },
    { name: 'card_spend_12m', kind: 'amount' },
    { name: 'risk_level', kind: 'customer-risk-level' },
    { name: 'risk_assessed_at', kind: 'date' },
    { name: 'consent_marketing', kind: 'boolean' },
    { name: 'consent_data_sharing', kind: 'boolean' },
    // DATA.md: a file without as_of is a snapshot taken on the load date.
    { name: 'as_of', kind: 'date', default: LOAD_DATE },
  ],
  key: ['customer_id', 'as_of'],
  complete(row) {
    const birthDate: CellValue | undefined = row.get('birth_date');
    if (row.get('birth_year') == null && typeof birthDate === 'string') row.set('birth_year', Number(birthDate.slice(0, 4)));
    return undefined;
  },
};

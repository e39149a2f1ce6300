import { tableArrow, tableCsv, type ExportColumn } from '@banca/exports';
import type { SegmentMemberRow } from './segment.repository';

/** Export columns: name in the file, type, value of a member. */
const COLUMNS: ExportColumn<SegmentMemberRow>[] = [
  { name: 'customer_id', type: 'text', value: (m) => m.customerId },
  { name: 'tier', type: 'text', value: (m) => m.tier },
  { name: 'region', type: 'text', value: (m) => m.region },
  { name: 'branch_code', type: 'text', value: (m) => m.branchCode },
  { name: 'gender', type: 'text', value: (m) => m.gender },
  { name: 'age', type: 'int', value: (m) => m.age },
  { name: 'risk_level', type: 'text', value: (m) => m.riskLevel },
  { name: 'payroll', type: 'bool', value: (m) => m.payroll },
  { name: 'has_mortgage', type: 'bool', value: (m) => m.hasMortgage },
  { name: 'consent_marketing', type: 'bool', value: (m) => m.consentMarketing },
  { name: 'monthly_income', type: 'float', value: (m) => m.monthlyIncome },
  { name: 'household_annual_income', type: 'float', value: (m) => m.householdAnnualIncome },
  { name: 'investable_assets', type: 'float', value: (m) => m.investableAssets },
];

export const MEMBER_EXPORT_COLUMNS = COLUMNS.map((c) => c.name);

/** Members as CSV (UTF-8 with BOM, formula-safe cells), one line per member. */
export const membersCsv = (pages: AsyncIterable<SegmentMemberRow[]>) => tableCsv(COLUMNS, pages);

/** Members as an Arrow IPC stream, one record batch per page. */
export const membersArrow = (pages: AsyncIterable<SegmentMemberRow[]>) => tableArrow(COLUMNS, pages);

import { sql, type SQL } from 'drizzle-orm';
import {
  isAllGroup,
  isAnyGroup,
  type SegmentCondition,
  type SegmentCustomerField,
  type SegmentNumericComparison,
  type SegmentRule,
} from '@banca/domain';

/** The only customer columns a rule can reach: field names never come from the request into SQL. */
const COLUMNS: Record<Exclude<SegmentCustomerField, 'age'>, string> = {
  monthlyIncome: 'monthly_income',
  householdAnnualIncome: 'household_annual_income',
  investableAssets: 'investable_assets',
  depositBalance: 'deposit_balance',
  wealthBalance: 'wealth_balance',
  mortgageBalance: 'mortgage_balance',
  cardSpend12m: 'card_spend_12m',
  region: 'region',
  branchCode: 'branch_code',
  gender: 'gender',
  riskLevel: 'risk_level',
  payroll: 'payroll',
  hasMortgage: 'has_mortgage',
  consentMarketing: 'consent_marketing',
  consentDataSharing: 'consent_data_sharing',
};

const COMPARISONS: Record<SegmentNumericComparison, SQL> = {
  eq: sql`=`,
  ne: sql`<>`,
  gt: sql`>`,
  gte: sql`>=`,
  lt: sql`<`,
  lte: sql`<=`,
};

/** Aliases the compiled SQL refers to: a customers row and its (left-joined) customer_tiers row. */
export interface SegmentSqlScope {
  customer: string;
  tier: string;
  /** The date ages are computed on. */
  today: SQL;
}

export const DEFAULT_SEGMENT_SCOPE: SegmentSqlScope = { customer: 'c', tier: 't', today: sql`CURRENT_DATE` };

/** Whole years on `today`, from birth_date, else from birth_year; mirrors `ageOn` of libs/domain. */
export function ageSql(scope: SegmentSqlScope = DEFAULT_SEGMENT_SCOPE): SQL {
  const c = sql.identifier(scope.customer);
  const monthDay = (d: SQL) => sql`(extract(month FROM ${d}) * 100 + extract(day FROM ${d}))`;
  return sql`(CASE
    WHEN ${c}.birth_date IS NOT NULL THEN
      (extract(year FROM ${scope.today}) - extract(year FROM ${c}.birth_date))::int
      - CASE WHEN ${monthDay(scope.today)} < ${monthDay(sql`${c}.birth_date`)} THEN 1 ELSE 0 END
    ELSE extract(year FROM ${scope.today})::int - ${c}.birth_year
  END)`;
}

function fieldSql(field: SegmentCustomerField, scope: SegmentSqlScope): SQL {
  if (field === 'age') return ageSql(scope);
  return sql`${sql.identifier(scope.customer)}.${sql.identifier(COLUMNS[field])}`;
}

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

function conditionSql(c: SegmentCondition, scope: SegmentSqlScope): SQL {
  if (c.field === 'holding') {
    const held = sql`EXISTS (
      SELECT 1 FROM sales s JOIN products p ON p.product_code = s.product_code
      WHERE s.customer_id = ${sql.identifier(scope.customer)}.customer_id AND s.status = 'active' AND p.category = ${c.category})`;
    return c.op === 'holds' ? held : sql`NOT ${held}`;
  }
  const value = c.field === 'tier' ? sql`${sql.identifier(scope.tier)}.tier` : fieldSql(c.field, scope);
  switch (c.op) {
    case 'missing':
      return sql`${value} IS NULL`;
    case 'present':
      return sql`${value} IS NOT NULL`;
    case 'between':
      return sql`${value} BETWEEN ${c.min}::numeric AND ${c.max}::numeric`;
    case 'in':
      return sql`${value} IN (${list(c.values)})`;
    case 'notIn':
      return sql`${value} NOT IN (${list(c.values)})`;
    case 'is':
      return c.value ? sql`${value} IS TRUE` : sql`${value} IS FALSE`;
    default:
      return typeof c.value === 'number'
        ? sql`${value} ${COMPARISONS[c.op]} ${c.value}::numeric`
        : sql`${value} ${COMPARISONS[c.op]} ${c.value}`;
  }
}

/**
 * A rule tree as one boolean SQL expression: values are bound parameters, columns come from a fixed map.
 * Each condition is coalesced to false, so an unknown value never matches (as in `matchesSegmentRule`).
 */
export function compileSegmentRule(rule: SegmentRule, scope: SegmentSqlScope = DEFAULT_SEGMENT_SCOPE): SQL {
  if (isAllGroup(rule)) {
    return rule.all.length === 0 ? sql`TRUE` : sql`(${sql.join(rule.all.map((r) => compileSegmentRule(r, scope)), sql` AND `)})`;
  }
  if (isAnyGroup(rule)) {
    return rule.any.length === 0 ? sql`FALSE` : sql`(${sql.join(rule.any.map((r) => compileSegmentRule(r, scope)), sql` OR `)})`;
  }
  return sql`coalesce(${conditionSql(rule, scope)}, FALSE)`;
}

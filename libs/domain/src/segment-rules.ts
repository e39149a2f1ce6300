import type { ProductCategory } from './canonical-values';
import type { Tier } from './tiers';

/** Customer amounts a segment can compare; `age` is computed from birth_date, else birth_year. */
export const SEGMENT_NUMERIC_FIELDS = [
  'age',
  'monthlyIncome',
  'householdAnnualIncome',
  'investableAssets',
  'depositBalance',
  'wealthBalance',
  'mortgageBalance',
  'cardSpend12m',
] as const;
export type SegmentNumericField = (typeof SEGMENT_NUMERIC_FIELDS)[number];

export const SEGMENT_TEXT_FIELDS = ['region', 'branchCode', 'gender', 'riskLevel'] as const;
export type SegmentTextField = (typeof SEGMENT_TEXT_FIELDS)[number];

export const SEGMENT_BOOLEAN_FIELDS = ['payroll', 'hasMortgage', 'consentMarketing', 'consentDataSharing'] as const;
export type SegmentBooleanField = (typeof SEGMENT_BOOLEAN_FIELDS)[number];

export type SegmentCustomerField = SegmentNumericField | SegmentTextField | SegmentBooleanField;

export const SEGMENT_NUMERIC_COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type SegmentNumericComparison = (typeof SEGMENT_NUMERIC_COMPARISONS)[number];

/**
 * One test on a customer. A test on an unknown value is false whatever the operator (`ne` and `notIn`
 * included); `missing` and `present` find the unknowns. `holding` looks at the customer's active sales.
 */
export type SegmentCondition =
  | { field: SegmentNumericField; op: SegmentNumericComparison; value: number }
  | { field: SegmentNumericField; op: 'between'; min: number; max: number }
  | { field: SegmentTextField; op: 'eq' | 'ne'; value: string }
  | { field: SegmentTextField; op: 'in' | 'notIn'; values: string[] }
  | { field: SegmentBooleanField; op: 'is'; value: boolean }
  | { field: SegmentCustomerField; op: 'missing' | 'present' }
  | { field: 'tier'; op: 'eq' | 'ne'; value: Tier }
  | { field: 'tier'; op: 'in' | 'notIn'; values: Tier[] }
  | { field: 'holding'; op: 'holds' | 'notHolds'; category: ProductCategory };

/** A saved segment's rule: `all` (every child matches; empty matches everyone), `any` (at least one), or a condition. */
export type SegmentRule = { all: SegmentRule[] } | { any: SegmentRule[] } | SegmentCondition;

/** Groups may nest this deep (a condition inside `{ all: [...] }` is at depth 1). */
export const SEGMENT_RULE_MAX_DEPTH = 6;
export const SEGMENT_RULE_MAX_CONDITIONS = 200;

export function isAllGroup(rule: SegmentRule): rule is { all: SegmentRule[] } {
  return 'all' in rule;
}

export function isAnyGroup(rule: SegmentRule): rule is { any: SegmentRule[] } {
  return 'any' in rule;
}

/** Nesting depth of groups: a bare condition is 0, `{ all: [condition] }` is 1. */
export function segmentRuleDepth(rule: SegmentRule): number {
  if (isAllGroup(rule)) return 1 + Math.max(0, ...rule.all.map(segmentRuleDepth));
  if (isAnyGroup(rule)) return 1 + Math.max(0, ...rule.any.map(segmentRuleDepth));
  return 0;
}

export function segmentRuleConditionCount(rule: SegmentRule): number {
  if (isAllGroup(rule)) return rule.all.reduce((n, r) => n + segmentRuleConditionCount(r), 0);
  if (isAnyGroup(rule)) return rule.any.reduce((n, r) => n + segmentRuleConditionCount(r), 0);
  return 1;
}

/** What a segment rule is evaluated on: one customer's current row, tier and active holdings. */
export interface SegmentCustomerFacts {
  birthDate: string | null;
  birthYear: number | null;
  monthlyIncome: number | null;
  householdAnnualIncome: number | null;
  investableAssets: number | null;
  depositBalance: number | null;
  wealthBalance: number | null;
  mortgageBalance: number | null;
  cardSpend12m: number | null;
  region: string | null;
  branchCode: string | null;
  gender: string | null;
  riskLevel: string | null;
  payroll: boolean | null;
  hasMortgage: boolean | null;
  consentMarketing: boolean | null;
  consentDataSharing: boolean | null;
  tier: Tier | null;
  /** Categories of the products the customer holds an active sale of. */
  activeCategories: ReadonlySet<string>;
}

/**
 * Age in whole years on a date (YYYY-MM-DD): from the birth date when known, else the year of the date
 * minus the birth year (the age reached during that year). The segment SQL mirrors this.
 */
export function ageOn(birthDate: string | null, birthYear: number | null, date: string): number | null {
  if (birthDate !== null) {
    const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
    return date.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
  }
  return birthYear === null ? null : Number(date.slice(0, 4)) - birthYear;
}

/** Ten-year bands for showing an age without identifying anyone. */
export function ageBand(age: number | null): string | null {
  if (age === null) return null;
  if (age < 20) return '<20';
  if (age >= 70) return '70+';
  const from = Math.floor(age / 10) * 10;
  return `${from}-${from + 9}`;
}

function fieldValue(facts: SegmentCustomerFacts, field: SegmentCustomerField, today: string): number | string | boolean | null {
  return field === 'age' ? ageOn(facts.birthDate, facts.birthYear, today) : facts[field];
}

function compare(value: number, op: SegmentNumericComparison, target: number): boolean {
  switch (op) {
    case 'eq':
      return value === target;
    case 'ne':
      return value !== target;
    case 'gt':
      return value > target;
    case 'gte':
      return value >= target;
    case 'lt':
      return value < target;
    case 'lte':
      return value <= target;
  }
}

function matchesCondition(c: SegmentCondition, facts: SegmentCustomerFacts, today: string): boolean {
  if (c.field === 'holding') {
    const held = facts.activeCategories.has(c.category);
    return c.op === 'holds' ? held : !held;
  }
  const value = c.field === 'tier' ? facts.tier : fieldValue(facts, c.field, today);
  switch (c.op) {
    case 'missing':
      return value === null;
    case 'present':
      return value !== null;
    default:
      if (value === null) return false;
  }
  switch (c.op) {
    case 'between':
      return typeof value === 'number' && value >= c.min && value <= c.max;
    case 'in':
      return (c.values as readonly unknown[]).includes(value);
    case 'notIn':
      return !(c.values as readonly unknown[]).includes(value);
    case 'is':
      return value === c.value;
    case 'eq':
    case 'ne':
      if (typeof c.value === 'number' && typeof value === 'number') return compare(value, c.op, c.value);
      return c.op === 'eq' ? value === c.value : value !== c.value;
    default:
      return typeof value === 'number' && compare(value, c.op, c.value);
  }
}

/** Whether a customer matches a rule; the plain-data twin of the SQL libs/segmentation compiles. */
export function matchesSegmentRule(rule: SegmentRule, facts: SegmentCustomerFacts, today: string): boolean {
  if (isAllGroup(rule)) return rule.all.every((r) => matchesSegmentRule(r, facts, today));
  if (isAnyGroup(rule)) return rule.any.some((r) => matchesSegmentRule(r, facts, today));
  return matchesCondition(rule, facts, today);
}

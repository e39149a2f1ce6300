import { sql, type SQL } from 'drizzle-orm';
import type { ComplianceSettings, RuleCode } from '@banca/domain';

/**
 * The SQL of the RULES.md conditions that both the compliance scan (every sale) and the campaign audience
 * (a hypothetical sale of each offered product on the launch date) decide on: one implementation, so a
 * customer the audience lets in is one the scan would not flag for the offered product, and the other way
 * round. Fragments are expressions over columns the caller names; `settings` is the alias of the row
 * `ruleSettingsSql` gives (one rule version, lists read once as text[]). Each mirrors its libs/domain
 * function (suitability.rules.ts) comparison by comparison; the scan's agreement test holds them to it.
 */

/** A JSON array of strings in the settings as text[]. */
const textArray = (key: string): SQL => sql`ARRAY(SELECT jsonb_array_elements_text(c->${key}))`;

/**
 * One rule version's settings as one row of typed columns (a full SELECT; use it as a CTE or a
 * subquery and refer to it by the alias given to the fragments below).
 */
export function ruleSettingsSql(settings: ComplianceSettings): SQL {
  return sql`
    SELECT
      (c->>'elderlyAge')::int AS elderly_age,
      (c->>'elderlyRegularPremiumAge')::int AS elderly_regular_age,
      (c->>'assessmentValidityMonths')::int AS validity_months,
      (c->>'affordabilitySingleMultiple')::float8 AS single_multiple,
      (c->>'affordabilityRegularShare')::float8 AS regular_share,
      (c->>'affordabilityHorizonAge')::int AS horizon_age,
      (c->>'lifeCoverMinTermYears')::int AS life_cover_min_term,
      (c->>'dualRecordingAge')::int AS dual_recording_age,
      (c->>'investmentLinkedExperienceMonths')::int AS experience_months,
      c->'assessmentRequiredCategories' = '"all"'::jsonb AS assessment_for_all,
      CASE WHEN jsonb_typeof(c->'assessmentRequiredCategories') = 'array' THEN ${textArray('assessmentRequiredCategories')} ELSE '{}' END AS assessment_categories,
      ${textArray('nonGuaranteedCategories')} AS non_guaranteed_categories,
      ${textArray('lifeCoverCategories')} AS life_cover_categories,
      ${textArray('insuranceCategories')} AS insurance_categories,
      ${textArray('protectionCategories')} AS protection_categories,
      ${textArray('outletChannels')} AS outlet_channels,
      ${textArray('bankChannels')} AS bank_channels,
      (c->'lowIncome'->>'national')::float8 AS low_income_national,
      c->'lowIncome'->'regions' AS low_income_regions,
      c->'riskGrid' AS risk_grid,
      c->'severities' AS severities,
      c->'evidenceClears' AS evidence_clears
    FROM (SELECT ${JSON.stringify(settings)}::jsonb AS c) j`;
}

/** `value` is an element of a list of the settings row (a text[]); false for a null value, as `includes(null)`. */
export function inSettingsList(settings: string, list: string, value: SQL): SQL {
  return sql`COALESCE(${value} = ANY(${sql.identifier(settings)}.${sql.raw(list)}), false)`;
}

/**
 * The risk a product is checked at, as 1–5: the highest of its own rating and every partner's rating in
 * product_risk_ratings (`effectiveProductRisk`); null when none is R1–R5. `product` is a products alias.
 */
export function effectiveProductRiskSql(product: string): SQL {
  const p = sql.identifier(product);
  return sql`(SELECT max(substr(l.level, 2)::int)
         FROM (SELECT ${p}.risk_level AS level
               UNION ALL SELECT r.risk_level FROM product_risk_ratings r WHERE r.product_code = ${p}.product_code) l
         WHERE l.level IN ('R1', 'R2', 'R3', 'R4', 'R5'))`;
}

/**
 * Age in whole years on a date (`ageAtSale`): from the birth date, reached on the birthday; else the
 * calendar-year difference from the birth year; else null.
 */
export function ageAtSql(birthDate: SQL, birthYear: SQL, on: SQL): SQL {
  return sql`CASE WHEN ${birthDate} IS NOT NULL THEN extract(year FROM age(${on}::timestamp, ${birthDate}::timestamp))::int
           WHEN ${birthYear} IS NOT NULL THEN extract(year FROM ${on})::int - ${birthYear} END`;
}

/** A non-guaranteed product category (participating, universal, investment-linked by default). */
export const nonGuaranteedSql = (settings: string, category: SQL): SQL => inSettingsList(settings, 'non_guaranteed_categories', category);

/** An insurance (agency) product category: data-sharing consent is needed to offer it. */
export const insuranceSql = (settings: string, category: SQL): SQL => inSettingsList(settings, 'insurance_categories', category);

/** A regular-premium sale (annual or monthly). */
export const regularPremiumSql = (premiumMode: SQL): SQL => sql`${premiumMode} IN ('annual', 'monthly')`;

/** No marketing consent on file (refused or unknown). */
export const noMarketingConsentSql = (consentMarketing: SQL): SQL => sql`${consentMarketing} IS NOT TRUE`;

/** No data-sharing consent on file (refused or unknown). */
export const noDataSharingConsentSql = (consentDataSharing: SQL): SQL => sql`${consentDataSharing} IS NOT TRUE`;

/** Which consents are missing, as CONSENT_MISSING facts name them. */
export function missingConsentSql(noMarketing: SQL, noDataSharing: SQL): SQL {
  return sql`CASE WHEN ${noMarketing} AND ${noDataSharing} THEN 'marketing_and_data_sharing'
               WHEN ${noMarketing} THEN 'marketing' ELSE 'data_sharing' END`;
}

/** Column expressions of one (customer, product, sale date) row the prevention rules decide on. */
export interface PreventionRuleFacts {
  /** Alias of the `ruleSettingsSql` row. */
  settings: string;
  /** effectiveProductRiskSql: 1–5. */
  productRisk: SQL;
  /** The customer's level C1–C5 at the sale date, or null. */
  customerRiskLevel: SQL;
  /** 'snapshot' or 'sale': where the level came from. */
  riskLevelSource: SQL;
  /** ageAtSql on the sale date. */
  age: SQL;
  category: SQL;
  /** The sale's premium mode, else the product's. */
  premiumMode: SQL;
  /** nonGuaranteedSql of the category. */
  nonGuaranteed: SQL;
  /** regularPremiumSql of the premium mode. */
  regular: SQL;
  /** The campaign the sale (or the audience) belongs to, or null. */
  campaignCode: SQL;
  /** noMarketingConsentSql. */
  noMarketingConsent: SQL;
  /** Data-sharing consent missing where the rule needs it: insuranceSql AND noDataSharingConsentSql. */
  noDataSharingConsent: SQL;
}

/** One rule: when it fires on a row, and the facts a finding (or an audience exclusion) records. */
export interface PreventionRuleSql {
  fires(f: PreventionRuleFacts): SQL;
  facts(f: PreventionRuleFacts): SQL;
}

/** The prevention rules of RULES.md (campaign audiences leave out customers they fire for). */
export type PreventionRuleCode = Extract<RuleCode, 'RISK_MISMATCH' | 'ELDERLY_NON_GUARANTEED' | 'CONSENT_MISSING'>;

export const PREVENTION_RULES: Record<PreventionRuleCode, PreventionRuleSql> = {
  /** `riskMismatch`: the product's risk is above what the customer's level allows on the grid. */
  RISK_MISMATCH: {
    fires: (f) => sql`${f.productRisk} > substr(${sql.identifier(f.settings)}.risk_grid->>${f.customerRiskLevel}, 2)::int`,
    facts: (f) =>
      sql`jsonb_build_object('customerRiskLevel', ${f.customerRiskLevel}, 'productRiskLevel', 'R' || ${f.productRisk},
          'maxAllowed', ${sql.identifier(f.settings)}.risk_grid->>${f.customerRiskLevel}, 'riskLevelSource', ${f.riskLevelSource})`,
  },
  /** `elderlyNonGuaranteed`: older than the elderly age, or the regular-premium age for a regular premium. */
  ELDERLY_NON_GUARANTEED: {
    fires: (f) => {
      const k = sql.identifier(f.settings);
      return sql`${f.nonGuaranteed} AND (${f.age} > ${k}.elderly_age OR (${f.regular} AND ${f.age} > ${k}.elderly_regular_age))`;
    },
    facts: (f) => sql`jsonb_build_object('age', ${f.age}, 'productCategory', ${f.category}, 'premiumMode', ${f.premiumMode})`,
  },
  /** `consentMissing`: a campaign sale without marketing consent, or without data-sharing consent for insurance. */
  CONSENT_MISSING: {
    fires: (f) => sql`${f.campaignCode} IS NOT NULL AND (${f.noMarketingConsent} OR ${f.noDataSharingConsent})`,
    facts: (f) =>
      sql`jsonb_build_object('campaignCode', ${f.campaignCode}, 'missing',
          ${missingConsentSql(f.noMarketingConsent, f.noDataSharingConsent)})`,
  },
};

/** `CASE WHEN <fires> THEN <facts> END`: the rule's facts when it fires, else null. */
export function preventionRuleFactsWhenFired(rule: PreventionRuleCode, f: PreventionRuleFacts): SQL {
  const r = PREVENTION_RULES[rule];
  return sql`CASE WHEN ${r.fires(f)} THEN ${r.facts(f)} END`;
}

import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type AudienceCounts, type Database, type Transaction } from '@banca/db';
import {
  ageAtSql,
  effectiveProductRiskSql,
  insuranceSql,
  noDataSharingConsentSql,
  noMarketingConsentSql,
  nonGuaranteedSql,
  PREVENTION_RULES,
  preventionRuleFactsWhenFired,
  regularPremiumSql,
  ruleSettingsSql,
  type PreventionRuleFacts,
} from '@banca/compliance';
import {
  CAMPAIGN_EXCLUSION_REASONS,
  type AudienceGroup,
  type CampaignExclusionReason,
  type ComplianceSettings,
  type ContactPolicy,
} from '@banca/domain';
import { holdoutBucketSql } from './holdout-split';

/** What a campaign's audience is built from (the campaigns row). */
export interface AudienceCampaignRow {
  code: string;
  origin: string;
  status: string;
  startDate: string;
  endDate: string;
  target: Record<string, unknown> | null;
  productCodes: string[];
  holdoutShare: number;
  contactPolicy: Record<string, unknown> | null;
  /** UTC day of the launch, when launched. */
  launchedOn: string | null;
  audienceDecidedOn: string | null;
  audienceStatus: string;
}

/** Everything one build decides on; `target` is a condition over customers `c` and customer_tiers `t`. */
export interface AudienceBuildParams {
  campaignCode: string;
  decidedOn: string;
  target: SQL;
  productCodes: readonly string[];
  holdoutShare: number;
  contactPolicy: ContactPolicy;
  /** The campaign's end date: other campaigns' planned contacts count when they overlap [decidedOn, endDate]. */
  endDate: string;
  ruleVersion: number;
  settings: ComplianceSettings;
}

/** Drill-down filters of the members list (AudienceMembersQuery without paging and format). */
export interface AudienceMemberFilter {
  group?: AudienceGroup | 'excluded';
  reason?: CampaignExclusionReason;
  tier?: string;
  branch?: string;
  region?: string;
  converted?: boolean;
}

export interface AudienceMemberRow {
  customerId: string;
  group: AudienceGroup | 'excluded';
  exclusionReason: CampaignExclusionReason | null;
  exclusionDetail: Record<string, string | number | boolean | null> | null;
  tier: string | null;
  branchCode: string | null;
  region: string | null;
  firstConvertedOn: string | null;
}

interface RawCampaign extends Record<string, unknown> {
  campaign_code: string;
  origin: string;
  status: string;
  start_date: string;
  end_date: string;
  target: Record<string, unknown> | null;
  product_codes: string[] | null;
  holdout_share: string | number;
  contact_policy: Record<string, unknown> | null;
  launched_on: string | null;
  audience_decided_on: string | null;
  audience_status: string;
}

interface RawMember extends Record<string, unknown> {
  customer_id: string;
  group: string;
  exclusion_reason: string | null;
  exclusion_detail: Record<string, string | number | boolean | null> | string | null;
  tier: string | null;
  branch_code: string | null;
  region: string | null;
  first_converted_on: string | null;
}

const toMember = (r: RawMember): AudienceMemberRow => ({
  customerId: r.customer_id,
  group: r.group as AudienceMemberRow['group'],
  exclusionReason: r.exclusion_reason as CampaignExclusionReason | null,
  exclusionDetail: typeof r.exclusion_detail === 'string' ? (JSON.parse(r.exclusion_detail) as AudienceMemberRow['exclusionDetail']) : r.exclusion_detail,
  tier: r.tier,
  branchCode: r.branch_code,
  region: r.region,
  firstConvertedOn: r.first_converted_on,
});

/** Customer facts at the decision date: the customers row when it is in force then, else the snapshot that was. */
const FACT_COLUMNS = ['birth_date', 'birth_year', 'risk_level', 'consent_marketing', 'consent_data_sharing'] as const;

/**
 * The audience_members of a platform campaign; an imported campaign's members are its rollup's customers
 * (campaign_member_facts: everyone with an event, in the arm the events say), never excluded.
 */
function membersSource(code: string, origin: string): SQL {
  if (origin === 'imported') {
    return sql`(
      SELECT f.customer_id, f.campaign_code, f.arm AS "group", NULL::text AS exclusion_reason, NULL::jsonb AS exclusion_detail,
        f.tier, f.branch_code, f.region, f.first_converted_on
      FROM campaign_member_facts f WHERE f.campaign_code = ${code})`;
  }
  return sql`(
    SELECT m.customer_id, m.campaign_code, m."group", m.exclusion_reason, m.exclusion_detail, m.tier, m.branch_code, m.region,
      f.first_converted_on
    FROM audience_members m
    LEFT JOIN campaign_member_facts f ON f.campaign_code = m.campaign_code AND f.customer_id = m.customer_id
    WHERE m.campaign_code = ${code})`;
}

function memberConditions(filter: AudienceMemberFilter): SQL {
  const conditions: SQL[] = [sql`TRUE`];
  if (filter.group !== undefined) conditions.push(sql`m."group" = ${filter.group}`);
  if (filter.reason !== undefined) conditions.push(sql`m.exclusion_reason = ${filter.reason}`);
  if (filter.tier !== undefined) conditions.push(sql`m.tier = ${filter.tier}`);
  if (filter.branch !== undefined) conditions.push(sql`m.branch_code = ${filter.branch}`);
  if (filter.region !== undefined) conditions.push(sql`m.region = ${filter.region}`);
  if (filter.converted !== undefined) {
    conditions.push(filter.converted ? sql`m.first_converted_on IS NOT NULL` : sql`m.first_converted_on IS NULL`);
  }
  return sql.join(conditions, sql` AND `);
}

// One build of a campaign at a time: a re-launch waits for the build it replaces.
const LOCK_CAMPAIGN = (code: string) => sql`SELECT 1 FROM campaigns WHERE campaign_code = ${code} FOR UPDATE`;

@Injectable()
export class AudienceRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async campaign(code: string): Promise<AudienceCampaignRow | null> {
    const [r] = await queryRows<RawCampaign>(this.db, sql`
      SELECT campaign_code, origin, status, start_date::text AS start_date, end_date::text AS end_date, target, product_codes,
        holdout_share, contact_policy, to_char(launched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS launched_on,
        audience_decided_on::text AS audience_decided_on, audience_status
      FROM campaigns WHERE campaign_code = ${code}`);
    if (!r) return null;
    return {
      code: r.campaign_code,
      origin: r.origin,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      target: r.target,
      productCodes: r.product_codes ?? [],
      holdoutShare: Number(r.holdout_share),
      contactPolicy: r.contact_policy,
      launchedOn: r.launched_on,
      audienceDecidedOn: r.audience_decided_on,
      audienceStatus: r.audience_status,
    };
  }

  /** The codes that are not products. */
  async unknownProducts(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await queryRows<{ code: string }>(this.db, sql`
      SELECT o.code FROM jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) AS o(code)
      WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.product_code = o.code)`);
    return rows.map((r) => r.code);
  }

  /**
   * Rebuilds the campaign's audience in one transaction, as one INSERT … SELECT: every targeted customer
   * with their arm (hash split) or the first exclusion reason and its detail, then the campaigns row.
   * `onBuilt` runs in the same transaction (the audit entry commits with the audience).
   */
  async build(params: AudienceBuildParams, onBuilt: (tx: Transaction, counts: AudienceCounts) => Promise<void>): Promise<AudienceCounts> {
    return this.db.transaction(async (tx) => {
      await tx.execute(LOCK_CAMPAIGN(params.campaignCode));
      // Per-row expression work over up to millions of customers: JIT compilation costs more than it saves (as in the scan).
      await tx.execute(sql`SET LOCAL jit = off`);
      await tx.execute(sql`DELETE FROM audience_members WHERE campaign_code = ${params.campaignCode}`);
      const rows = await queryRows<{ group: string; exclusion_reason: string | null; n: number }>(tx, buildStatement(params));
      const counts = countsOf(rows);
      await tx.execute(sql`
        UPDATE campaigns SET audience_status = 'built', audience_built_at = now(), audience_decided_on = ${params.decidedOn}::date,
          audience_counts = ${JSON.stringify(counts)}::jsonb, audience_error = NULL, updated_at = now()
        WHERE campaign_code = ${params.campaignCode}`);
      await onBuilt(tx, counts);
      return counts;
    });
  }

  /** A build that did not finish: the campaign says so, with the reason. */
  async markFailed(code: string, message: string): Promise<void> {
    await this.db.execute(sql`
      UPDATE campaigns SET audience_status = 'failed', audience_error = ${message}, updated_at = now() WHERE campaign_code = ${code}`);
  }

  async countMembers(code: string, origin: string, filter: AudienceMemberFilter): Promise<number> {
    const [row] = await queryRows<{ total: number }>(this.db, sql`
      SELECT count(*)::int AS total FROM ${membersSource(code, origin)} m WHERE ${memberConditions(filter)}`);
    return Number(row?.total ?? 0);
  }

  /** Members in pseudonym order: a page by offset (the list), or `limit` after a pseudonym (exports, constant memory). */
  async members(
    code: string,
    origin: string,
    filter: AudienceMemberFilter,
    page: { limit: number; offset?: number; after?: string },
  ): Promise<AudienceMemberRow[]> {
    const after = page.after === undefined ? sql`` : sql`AND m.customer_id > ${page.after}`;
    const rows = await queryRows<RawMember>(this.db, sql`
      SELECT m.customer_id, m."group", m.exclusion_reason, m.exclusion_detail, m.tier, m.branch_code, m.region,
        m.first_converted_on::text AS first_converted_on
      FROM ${membersSource(code, origin)} m
      WHERE ${memberConditions(filter)} ${after}
      ORDER BY m.customer_id
      LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`);
    return rows.map(toMember);
  }
}

/** Counts per arm and per exclusion reason (every reason listed, 0 when none). */
function countsOf(rows: readonly { group: string; exclusion_reason: string | null; n: number }[]): AudienceCounts {
  const excluded: Record<string, number> = Object.fromEntries(CAMPAIGN_EXCLUSION_REASONS.map((r) => [r, 0]));
  let treatment = 0;
  let holdout = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.group === 'treatment') treatment += n;
    else if (r.group === 'holdout') holdout += n;
    else if (r.exclusion_reason !== null) excluded[r.exclusion_reason] = (excluded[r.exclusion_reason] ?? 0) + n;
  }
  const excludedTotal = Object.values(excluded).reduce((a, b) => a + b, 0);
  return { targeted: treatment + holdout + excludedTotal, eligible: treatment + holdout, treatment, holdout, excluded };
}

/**
 * The audience as one statement. Consent and the prevention rules come from libs/compliance
 * (prevention-rules.sql.ts, the scan's own conditions) under the rule version in force on the decision
 * date, applied to a hypothetical sale of each offered product that day (the product's premium mode, no
 * channel, this campaign), with the customer as known then. Reasons are checked in
 * CAMPAIGN_EXCLUSION_REASONS order; the first that applies is kept, for suitability on the first offered
 * product (plan order) that fails it. The suitability rules read only the customer's risk level, age and
 * consent, so they run once per distinct profile and product and the outcome is joined back by profile.
 */
function buildStatement(p: AudienceBuildParams): SQL {
  const code = sql`${p.campaignCode}::text`;
  const decidedOn = sql`${p.decidedOn}::date`;
  const version = sql`${p.ruleVersion}::int`;
  const maxContacts = sql`${p.contactPolicy.maxContacts}::int`;
  const periodDays = sql`${p.contactPolicy.periodDays}::int`;
  const factColumns = sql.join(
    FACT_COLUMNS.map((col) => {
      const c = sql.raw(col);
      return sql`CASE WHEN c.as_of <= ${decidedOn} THEN c.${c} ELSE past.${c} END AS ${c}`;
    }),
    sql`, `,
  );
  // The audience uses data across partners: DATA.md (and RULES.md CONSENT_MISSING) need data-sharing consent
  // whatever the product, as well as marketing consent.
  const consent: PreventionRuleFacts = {
    settings: 'k',
    productRisk: sql`NULL::int`,
    customerRiskLevel: sql`f.risk_level`,
    riskLevelSource: sql`'snapshot'`,
    age: sql`f.age`,
    category: sql`NULL::text`,
    premiumMode: sql`NULL::text`,
    nonGuaranteed: sql`FALSE`,
    regular: sql`FALSE`,
    campaignCode: code,
    noMarketingConsent: sql`f.no_marketing_consent`,
    noDataSharingConsent: sql`f.no_data_sharing_consent`,
  };
  const consentMissing = PREVENTION_RULES.CONSENT_MISSING.fires(consent);
  const overContacts = sql`f.contacts >= ${maxContacts}`;
  // The hypothetical sale of offered product o on the decision date to a customer with profile p (the facts
  // the suitability rules read). The rules are evaluated once per distinct profile and product, not once
  // per customer and product: a million customers have a few hundred profiles.
  const sale: PreventionRuleFacts = {
    settings: 'k',
    productRisk: sql`o.product_risk`,
    customerRiskLevel: sql`p.risk_level`,
    // the sale records no level: the customer's own is the only source
    riskLevelSource: sql`'snapshot'`,
    age: sql`p.age`,
    category: sql`o.category`,
    premiumMode: sql`o.premium_mode`,
    nonGuaranteed: sql`o.non_guaranteed`,
    regular: sql`o.regular`,
    campaignCode: code,
    noMarketingConsent: sql`p.no_marketing_consent`,
    noDataSharingConsent: sql`(o.insurance AND p.no_data_sharing_consent)`,
  };
  // A profile's join key: NULLs made comparable (a customer without a risk level or an age has a profile too).
  const profileKey = (a: string) => {
    const t = sql.raw(a);
    return [
      sql`COALESCE(${t}.risk_level, '')`,
      sql`COALESCE(${t}.age, -1)`,
      sql`${t}.no_marketing_consent IS TRUE`,
      sql`${t}.no_data_sharing_consent IS TRUE`,
    ];
  };
  const profileColumns = sql.join(profileKey('p').map((key, i) => sql`${key} AS ${sql.raw(`key${i}`)}`), sql`, `);
  const profileOrder = sql.join(profileKey('p'), sql`, `);
  const profileMatch = sql.join(profileKey('f').map((key, i) => sql`u.${sql.raw(`key${i}`)} = ${key}`), sql` AND `);
  const bucket = holdoutBucketSql(code, sql`d.customer_id`);

  return sql`
    WITH cfg AS (${ruleSettingsSql(p.settings)}),
    -- computed once: inlined into the per-customer lateral below it read each product's partner ratings per customer
    offered AS MATERIALIZED (
      SELECT o.ord, pr.product_code, pr.category, pr.premium_mode,
        ${effectiveProductRiskSql('pr')} AS product_risk,
        ${nonGuaranteedSql('k', sql`pr.category`)} AS non_guaranteed,
        ${regularPremiumSql(sql`pr.premium_mode`)} AS regular,
        ${insuranceSql('k', sql`pr.category`)} AS insurance
      FROM jsonb_array_elements_text(${JSON.stringify(p.productCodes)}::jsonb) WITH ORDINALITY AS o(product_code, ord)
      JOIN products pr ON pr.product_code = o.product_code
      CROSS JOIN cfg k
    ),
    contacts AS (
      SELECT x.customer_id, count(*)::int AS contacts
      FROM (
        -- contacts made by any campaign of either partner in the period up to the decision date
        SELECT e.customer_id FROM campaign_events e
        WHERE e.event = 'contacted' AND e.occurred_at BETWEEN ${decidedOn} - (${periodDays} - 1) AND ${decidedOn}
        UNION ALL
        -- contacts planned: the treatment arm of every other live platform campaign overlapping this one from today
        SELECT m.customer_id FROM audience_members m
        JOIN campaigns oc ON oc.campaign_code = m.campaign_code
        WHERE m."group" = 'treatment' AND oc.campaign_code <> ${code} AND oc.origin = 'platform' AND oc.status <> 'cancelled'
          AND oc.start_date <= ${p.endDate}::date AND oc.end_date >= ${decidedOn}
      ) x
      GROUP BY x.customer_id
    ),
    targeted AS (
      SELECT c.customer_id, t.tier, c.branch_code, c.region, ${factColumns}
      FROM customers c
      LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id
      LEFT JOIN LATERAL (
        SELECT s.birth_date, s.birth_year, s.risk_level, s.consent_marketing, s.consent_data_sharing
        FROM customer_snapshots s
        WHERE c.as_of > ${decidedOn} AND s.customer_id = c.customer_id AND s.as_of <= ${decidedOn}
        ORDER BY s.as_of DESC
        LIMIT 1
      ) past ON TRUE
      WHERE ${p.target}
    ),
    facts AS MATERIALIZED (
      SELECT tc.customer_id, tc.tier, tc.branch_code, tc.region, tc.risk_level,
        ${ageAtSql(sql`tc.birth_date`, sql`tc.birth_year`, decidedOn)} AS age,
        ${noMarketingConsentSql(sql`tc.consent_marketing`)} AS no_marketing_consent,
        ${noDataSharingConsentSql(sql`tc.consent_data_sharing`)} AS no_data_sharing_consent,
        COALESCE(ct.contacts, 0) AS contacts
      FROM targeted tc
      LEFT JOIN contacts ct ON ct.customer_id = tc.customer_id
    ),
    -- the customers the suitability rules are asked about (consent given, contact policy kept), by profile
    profiles AS (
      SELECT DISTINCT f.risk_level, f.age, f.no_marketing_consent, f.no_data_sharing_consent
      FROM facts f
      CROSS JOIN cfg k
      WHERE NOT (${consentMissing}) AND NOT (${overContacts})
    ),
    -- per profile, the first rule that fires (RISK_MISMATCH before ELDERLY_NON_GUARANTEED) on the first
    -- offered product (plan order) it fires for
    unsuitable AS (
      SELECT DISTINCT ON (${profileOrder}) ${profileColumns}, r.rule_code,
        jsonb_build_object('productCode', o.product_code, 'ruleCode', r.rule_code, 'ruleVersion', ${version}) || r.facts AS detail
      FROM profiles p
      CROSS JOIN cfg k
      CROSS JOIN offered o
      CROSS JOIN LATERAL (VALUES
        (1, 'RISK_MISMATCH', ${preventionRuleFactsWhenFired('RISK_MISMATCH', sale)}),
        (2, 'ELDERLY_NON_GUARANTEED', ${preventionRuleFactsWhenFired('ELDERLY_NON_GUARANTEED', sale)})
      ) AS r(rank, rule_code, facts)
      WHERE r.facts IS NOT NULL
      ORDER BY ${profileOrder}, r.rank, o.ord
    ),
    decided AS (
      SELECT f.customer_id, f.tier, f.branch_code, f.region,
        CASE WHEN ${consentMissing} THEN 'CONSENT_MISSING' WHEN ${overContacts} THEN 'CONTACT_POLICY' ELSE u.rule_code END AS reason,
        CASE
          WHEN ${consentMissing} THEN jsonb_build_object('ruleCode', 'CONSENT_MISSING', 'ruleVersion', ${version})
            || ${PREVENTION_RULES.CONSENT_MISSING.facts(consent)}
          WHEN ${overContacts} THEN jsonb_build_object('contacts', f.contacts, 'maxContacts', ${maxContacts}, 'periodDays', ${periodDays})
          ELSE u.detail
        END AS detail
      FROM facts f
      CROSS JOIN cfg k
      LEFT JOIN unsuitable u ON ${profileMatch}
    ),
    written AS (
      INSERT INTO audience_members (customer_id, campaign_code, "group", exclusion_reason, exclusion_detail, tier, branch_code, region)
      SELECT d.customer_id, ${code},
        CASE WHEN d.reason IS NOT NULL THEN 'excluded' WHEN ${bucket} < ${p.holdoutShare}::float8 THEN 'holdout' ELSE 'treatment' END,
        d.reason, d.detail, d.tier, d.branch_code, d.region
      FROM decided d
      RETURNING "group", exclusion_reason
    )
    SELECT "group", exclusion_reason, count(*)::int AS n FROM written GROUP BY "group", exclusion_reason`;
}

import { z } from 'zod';
import {
  PRODUCT_CATEGORIES,
  SEGMENT_BOOLEAN_FIELDS,
  SEGMENT_NUMERIC_COMPARISONS,
  SEGMENT_NUMERIC_FIELDS,
  SEGMENT_RULE_MAX_CONDITIONS,
  SEGMENT_RULE_MAX_DEPTH,
  SEGMENT_TEXT_FIELDS,
  segmentRuleConditionCount,
  segmentRuleDepth,
  tierThresholdProblems,
  TIERS,
  type SegmentCondition,
  type SegmentRule,
} from '@banca/domain';

export const tierSchema = z.enum(TIERS);

/** Filters of the tier counts; every filter lives in the dashboard URL too. */
export const tierCountsQuerySchema = z.object({
  region: z.string().trim().min(1).max(100).optional(),
  branchCode: z.string().trim().min(1).max(100).optional(),
});
export type TierCountsQuery = z.infer<typeof tierCountsQuerySchema>;

export const tierCountsResponseSchema = z.object({
  tiers: z.array(z.object({ tier: tierSchema, customers: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
  /** Version of the tier rule set the counts were computed with; null before any tiering ran. */
  ruleVersion: z.number().int().nullable(),
  /** When tiers were last computed (ISO-8601); null before any tiering ran. */
  computedAt: z.string().datetime().nullable(),
  /** Regions present among customers, for the filter control. */
  regions: z.array(z.string()),
});
export type TierCountsResponse = z.infer<typeof tierCountsResponseSchema>;

/** A calendar date as YYYY-MM-DD (a real date: 2025-02-30 is refused). */
export const calendarDateSchema = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });

/** Region and branch filters shared by the tier figures (current region and branch of each customer). */
const placeFilterShape = {
  region: z.string().trim().min(1).max(100).optional(),
  branchCode: z.string().trim().min(1).max(100).optional(),
};

const count = z.number().int().nonnegative();
/** A share between 0 and 1; null when the group is empty. */
const share = z.number().min(0).max(1).nullable();

// ---------------------------------------------------------------------------------------------------
// Tier rules: versioned thresholds with an effective date

/** CNY thresholds of one rule version; the tiers must stay ordered (hnw above the middle assets threshold). */
export const tierThresholdsSchema = z
  .strictObject({
    hnwInvestableAssets: z.number().positive().lt(1e16),
    middleHouseholdIncome: z.number().positive().lt(1e16),
    middleInvestableAssets: z.number().positive().lt(1e16),
  })
  .superRefine((t, ctx) => {
    for (const problem of tierThresholdProblems(t)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

/** POST /api/v1/segments/tier-rules (admin): a new version, in force from its date; a re-tier follows. */
export const createTierRuleSetRequestSchema = z.strictObject({
  thresholds: tierThresholdsSchema,
  effectiveFrom: calendarDateSchema,
  note: z.string().trim().max(500).optional(),
});
export type CreateTierRuleSetRequest = z.infer<typeof createTierRuleSetRequestSchema>;

export const tierRuleSetSchema = z.object({
  version: z.number().int().positive(),
  thresholds: z.object({
    hnwInvestableAssets: z.number(),
    middleHouseholdIncome: z.number(),
    middleInvestableAssets: z.number(),
  }),
  effectiveFrom: calendarDateSchema,
  note: z.string().nullable(),
  /** User id of the administrator who created it; null for the defaults the platform seeded. */
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string().datetime(),
  /** The version current tiers are computed with (in force today). */
  inForce: z.boolean(),
});
export type TierRuleSetDto = z.infer<typeof tierRuleSetSchema>;

/** GET /api/v1/segments/tier-rules: every version, newest first. */
export const tierRuleSetListSchema = z.object({
  versions: z.array(tierRuleSetSchema),
  inForceVersion: z.number().int().positive().nullable(),
});
export type TierRuleSetListDto = z.infer<typeof tierRuleSetListSchema>;

export const createTierRuleSetResponseSchema = z.object({
  ruleSet: tierRuleSetSchema,
  /** The re-tier job the new version triggered (GET /api/v1/jobs/:id). */
  retierJobId: z.string(),
});
export type CreateTierRuleSetResponse = z.infer<typeof createTierRuleSetResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Figures for the dashboards

const tierCountsShape = z.object({ hnw: count, middle: count, basic: count });

/** GET /api/v1/segments/tiers/breakdown: current tiers per region or per branch. */
export const tierBreakdownQuerySchema = z.object({
  by: z.enum(['region', 'branch']),
  /** With by=branch: only the branches of customers in this region. */
  region: placeFilterShape.region,
});
export type TierBreakdownQuery = z.infer<typeof tierBreakdownQuerySchema>;

export const tierBreakdownResponseSchema = z.object({
  by: z.enum(['region', 'branch']),
  /** Largest first; `key` is the region or branch code, null for customers without one. */
  rows: z.array(z.object({ key: z.string().nullable(), tiers: tierCountsShape, total: count })),
  total: count,
  ruleVersion: z.number().int().nullable(),
});
export type TierBreakdownResponse = z.infer<typeof tierBreakdownResponseSchema>;

export const MIGRATION_FROM_TIERS = ['new', ...TIERS] as const;

/** GET /api/v1/segments/tiers/migration: each customer's tier on `from` against `to` (tier history). */
export const tierMigrationQuerySchema = z
  .object({ from: calendarDateSchema, to: calendarDateSchema, ...placeFilterShape })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before "from"' });
export type TierMigrationQuery = z.infer<typeof tierMigrationQuerySchema>;

export const tierMigrationResponseSchema = z.object({
  from: calendarDateSchema,
  to: calendarDateSchema,
  /**
   * Every (from, to) pair, zeros included: `from` is the tier of the snapshot in force on the first date,
   * or "new" for customers without a snapshot by then; `to` likewise on the second date.
   */
  cells: z.array(z.object({ from: z.enum(MIGRATION_FROM_TIERS), to: tierSchema, customers: count })),
  totals: z.object({
    /** Customers with a tier on `to`. */
    customers: count,
    new: count,
    unchanged: count,
    upgraded: count,
    downgraded: count,
  }),
});
export type TierMigrationResponse = z.infer<typeof tierMigrationResponseSchema>;

/** GET /api/v1/segments/penetration: share of each tier holding an active insurance sale on a date. */
export const penetrationQuerySchema = z.object({ at: calendarDateSchema.optional(), ...placeFilterShape });
export type PenetrationQuery = z.infer<typeof penetrationQuerySchema>;

const penetrationRowShape = { customers: count, insured: count, penetration: share };
export const penetrationResponseSchema = z.object({
  at: calendarDateSchema,
  tiers: z.array(z.object({ tier: tierSchema, ...penetrationRowShape })),
  total: z.object(penetrationRowShape),
});
export type PenetrationResponse = z.infer<typeof penetrationResponseSchema>;

/** `income` counts customers with neither household nor monthly income; `any`, those missing income, assets or risk level. */
export const COMPLETENESS_FIELDS = ['householdAnnualIncome', 'monthlyIncome', 'income', 'investableAssets', 'riskLevel', 'any'] as const;

const completenessGroupShape = {
  customers: count,
  missing: z.object(Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, count])) as Record<(typeof COMPLETENESS_FIELDS)[number], typeof count>),
  shares: z.object(Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, share])) as Record<(typeof COMPLETENESS_FIELDS)[number], typeof share>),
};

/** GET /api/v1/segments/completeness: customers missing the inputs of tiering and suitability. */
export const completenessQuerySchema = z.object(placeFilterShape);
export type CompletenessQuery = z.infer<typeof completenessQuerySchema>;

export const completenessResponseSchema = z.object({
  overall: z.object(completenessGroupShape),
  tiers: z.array(z.object({ tier: tierSchema, ...completenessGroupShape })),
});
export type CompletenessResponse = z.infer<typeof completenessResponseSchema>;
export type CompletenessGroup = CompletenessResponse['overall'];

const consentCountsShape = z.object({ granted: count, refused: count, unknown: count });

/** GET /api/v1/segments/consent: who may be used across partners (data sharing) and contacted (marketing). */
export const consentQuerySchema = z.object(placeFilterShape);
export type ConsentQuery = z.infer<typeof consentQuerySchema>;

export const consentResponseSchema = z.object({
  customers: count,
  dataSharing: consentCountsShape,
  marketing: consentCountsShape,
  /** Without a recorded data-sharing consent (refused or unknown): never in segments or audiences. */
  excludedFromCrossPartnerUse: count,
  tiers: z.array(z.object({ tier: tierSchema, customers: count, excludedFromCrossPartnerUse: count })),
});
export type ConsentResponse = z.infer<typeof consentResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Saved segments: a rule tree

const comparableAmount = z.number().gt(-1e16).lt(1e16);
const textValue = z.string().trim().min(1).max(200);
const textValues = z.array(textValue).min(1).max(500);
const numericField = z.enum(SEGMENT_NUMERIC_FIELDS);
const textField = z.enum(SEGMENT_TEXT_FIELDS);
const booleanField = z.enum(SEGMENT_BOOLEAN_FIELDS);
const presenceOps = z.enum(['missing', 'present']);

const numericConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: numericField, op: z.enum(SEGMENT_NUMERIC_COMPARISONS), value: comparableAmount }),
  z
    .strictObject({ field: numericField, op: z.literal('between'), min: comparableAmount, max: comparableAmount })
    .refine((c) => c.min <= c.max, { path: ['max'], message: 'must not be below "min"' }),
  z.strictObject({ field: numericField, op: presenceOps }),
]);

const textConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: textField, op: z.enum(['eq', 'ne']), value: textValue }),
  z.strictObject({ field: textField, op: z.enum(['in', 'notIn']), values: textValues }),
  z.strictObject({ field: textField, op: presenceOps }),
]);

const booleanConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: booleanField, op: z.literal('is'), value: z.boolean() }),
  z.strictObject({ field: booleanField, op: presenceOps }),
]);

const tierConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: z.literal('tier'), op: z.enum(['eq', 'ne']), value: tierSchema }),
  z.strictObject({ field: z.literal('tier'), op: z.enum(['in', 'notIn']), values: z.array(tierSchema).min(1) }),
]);

const holdingConditionSchema = z.strictObject({
  field: z.literal('holding'),
  op: z.enum(['holds', 'notHolds']),
  category: z.enum(PRODUCT_CATEGORIES),
});

const CONDITION_FIELDS = [...SEGMENT_NUMERIC_FIELDS, ...SEGMENT_TEXT_FIELDS, ...SEGMENT_BOOLEAN_FIELDS, 'tier', 'holding'];

function conditionSchemaFor(field: unknown): z.ZodType<SegmentCondition> | null {
  const is = (list: readonly string[]) => typeof field === 'string' && list.includes(field);
  if (is(SEGMENT_NUMERIC_FIELDS)) return numericConditionSchema;
  if (is(SEGMENT_TEXT_FIELDS)) return textConditionSchema;
  if (is(SEGMENT_BOOLEAN_FIELDS)) return booleanConditionSchema;
  if (field === 'tier') return tierConditionSchema;
  if (field === 'holding') return holdingConditionSchema;
  return null;
}

const RULE_SHAPE_HINT = 'a rule is {"all": [rules]}, {"any": [rules]} or a condition {"field": …, "op": …}';

/**
 * One node of a rule tree. Dispatches on the node's shape before validating it, so an error names the
 * exact place in the tree (`rule.all.1.any.0.op`) rather than "no union member matched".
 */
const segmentRuleNodeSchema: z.ZodType<SegmentRule, unknown> = z.unknown().transform((node, ctx): SegmentRule => {
  let schema: z.ZodType<SegmentRule> | null = null;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    ctx.addIssue({ code: 'custom', message: RULE_SHAPE_HINT });
    return z.NEVER;
  }
  const keys = Object.keys(node);
  if (keys.includes('all')) schema = allGroupSchema;
  else if (keys.includes('any')) schema = anyGroupSchema;
  else if (keys.includes('field')) {
    const field = (node as { field: unknown }).field;
    schema = conditionSchemaFor(field);
    if (!schema) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `unknown field ${JSON.stringify(field)}; one of ${CONDITION_FIELDS.join(', ')}` });
      return z.NEVER;
    }
  } else {
    ctx.addIssue({ code: 'custom', message: RULE_SHAPE_HINT });
    return z.NEVER;
  }
  const result = schema.safeParse(node);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

const allGroupSchema: z.ZodType<SegmentRule> = z.strictObject({ all: z.array(z.lazy(() => segmentRuleNodeSchema)).max(100) });
const anyGroupSchema: z.ZodType<SegmentRule> = z.strictObject({
  any: z.array(z.lazy(() => segmentRuleNodeSchema)).min(1, 'an "any" group needs at least one rule').max(100),
});

/** A segment rule as a client sends it: validated, with errors naming the path in the tree. */
export const segmentRuleSchema = segmentRuleNodeSchema
  .superRefine((rule, ctx) => {
    if (segmentRuleDepth(rule) > SEGMENT_RULE_MAX_DEPTH) {
      ctx.addIssue({ code: 'custom', message: `groups nest at most ${SEGMENT_RULE_MAX_DEPTH} deep` });
    }
    if (segmentRuleConditionCount(rule) > SEGMENT_RULE_MAX_CONDITIONS) {
      ctx.addIssue({ code: 'custom', message: `a rule has at most ${SEGMENT_RULE_MAX_CONDITIONS} conditions` });
    }
  })
  .meta({
    description: `${RULE_SHAPE_HINT}. Fields: ${CONDITION_FIELDS.join(', ')}.`,
    examples: [
      {
        all: [
          { field: 'tier', op: 'in', values: ['middle', 'hnw'] },
          { any: [{ field: 'age', op: 'gte', value: 50 }, { field: 'holding', op: 'holds', category: 'annuity' }] },
          { field: 'holding', op: 'notHolds', category: 'critical_illness' },
        ],
      },
    ],
  });

/** The same tree as the API answers it (already valid), described structurally for OpenAPI. */
export const storedSegmentRuleSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(storedSegmentRuleSchema) }),
    z.strictObject({ any: z.array(storedSegmentRuleSchema) }),
    numericConditionSchema,
    textConditionSchema,
    booleanConditionSchema,
    tierConditionSchema,
    holdingConditionSchema,
  ]),
);

const segmentNameSchema = z.string().trim().min(1, 'a segment needs a name').max(200);

/** POST /api/v1/segments and PUT /api/v1/segments/:id (the whole segment). */
export const saveSegmentRequestSchema = z.strictObject({
  name: segmentNameSchema,
  description: z.string().trim().max(2000).nullable().optional(),
  rule: segmentRuleSchema,
});
export type SaveSegmentRequest = z.infer<typeof saveSegmentRequestSchema>;

export const segmentParamsSchema = z.object({ id: z.string().uuid('a segment id is a UUID') });

export const segmentSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string().nullable(),
  rule: storedSegmentRuleSchema,
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type SegmentDto = z.infer<typeof segmentSchema>;

export const segmentListSchema = z.object({ segments: z.array(segmentSchema) });
export type SegmentListDto = z.infer<typeof segmentListSchema>;

/** POST /api/v1/segments/preview */
export const segmentPreviewRequestSchema = z.strictObject({ rule: segmentRuleSchema });
export type SegmentPreviewRequest = z.infer<typeof segmentPreviewRequestSchema>;

export const SEGMENT_PREVIEW_SAMPLE_SIZE = 20;

/** A member as a preview shows one: a pseudonym prefix and attributes that identify no one. */
export const segmentSampleMemberSchema = z.object({
  /** The first 12 hex characters of the pseudonymised customer id. */
  customerRef: z.string().regex(/^[0-9a-f]{12}$/),
  tier: tierSchema.nullable(),
  region: z.string().nullable(),
  branchCode: z.string().nullable(),
  gender: z.string().nullable(),
  ageBand: z.string().nullable(),
  riskLevel: z.string().nullable(),
  payroll: z.boolean().nullable(),
  hasMortgage: z.boolean().nullable(),
});
export type SegmentSampleMember = z.infer<typeof segmentSampleMemberSchema>;

export const segmentPreviewResponseSchema = z.object({
  /** Customers matching the rule who consented to data sharing: the segment's members. */
  members: count,
  /** Customers matching the rule left out for lack of data-sharing consent. */
  excludedWithoutConsent: count,
  /** Up to 20 members. */
  sample: z.array(segmentSampleMemberSchema),
  /** The date ages were computed on. */
  asOf: calendarDateSchema,
});
export type SegmentPreviewResponse = z.infer<typeof segmentPreviewResponseSchema>;

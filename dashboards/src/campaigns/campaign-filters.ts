import { campaignBreakdownDimensionSchema, exclusionReasonSchema, periodGrainSchema } from '@banca/contracts';
import { TIERS, type CampaignBreakdownDimension } from '@banca/domain';
import { z } from 'zod';
import type { MemberFilters } from './campaigns.queries';

const code = z.string().trim().min(1).max(100);

/**
 * The detail page's URL: the trend's grain, the breakdown dimension and the member drill-down (open when
 * `members` is set; its filters beside it), so a drill-down can be shared as a link.
 */
export const detailFiltersSchema = z.object({
  grain: periodGrainSchema.optional(),
  by: campaignBreakdownDimensionSchema.optional(),
  members: z.enum(['open']).optional(),
  group: z.enum(['treatment', 'holdout', 'excluded']).optional(),
  reason: exclusionReasonSchema.optional(),
  tier: z.enum(TIERS).optional(),
  branch: code.optional(),
  region: code.optional(),
  converted: z.enum(['true', 'false']).optional(),
  page: z.string().regex(/^[1-9]\d{0,5}$/).optional(),
});
export type DetailFilters = z.output<typeof detailFiltersSchema>;

/** The member list's filters from the URL, or null while the drill-down is closed. */
export function memberFilters(filters: DetailFilters): MemberFilters | null {
  if (filters.members !== 'open') return null;
  const result: MemberFilters = {};
  if (filters.group) result.group = filters.group;
  if (filters.reason && filters.group === 'excluded') result.reason = filters.reason;
  if (filters.tier) result.tier = filters.tier;
  if (filters.branch) result.branch = filters.branch;
  if (filters.region) result.region = filters.region;
  if (filters.converted) result.converted = filters.converted;
  if (filters.page) result.page = Number(filters.page);
  return result;
}

/** Breakdown dimensions whose rows are customers' own attributes, so a row can open the members behind it. */
const MEMBER_DIMENSIONS: Partial<Record<CampaignBreakdownDimension, 'tier' | 'branch' | 'region'>> = { tier: 'tier', branch: 'branch', region: 'region' };

/**
 * The URL changes that open the members behind a breakdown row and arm: tier, branch and region filter the
 * audience; sale dimensions (channel, staff, product) attribute converted customers, so they open the
 * arm's converted members. A row of "not recorded" opens the arm unfiltered. Every other drill filter is cleared.
 */
export function drillDownChanges(
  by: CampaignBreakdownDimension,
  key: string | null,
  group: 'treatment' | 'holdout',
): Record<'members' | 'group' | 'reason' | 'tier' | 'branch' | 'region' | 'converted' | 'page', string | undefined> {
  const changes: Record<'members' | 'group' | 'reason' | 'tier' | 'branch' | 'region' | 'converted' | 'page', string | undefined> = {
    members: 'open',
    group,
    reason: undefined,
    tier: undefined,
    branch: undefined,
    region: undefined,
    converted: undefined,
    page: undefined,
  };
  const filter = MEMBER_DIMENSIONS[by];
  if (filter === undefined) changes.converted = 'true';
  else if (key !== null) changes[filter] = key;
  return changes;
}

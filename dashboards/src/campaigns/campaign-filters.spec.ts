import { describe, expect, it } from 'vitest';
import { detailFiltersSchema, drillDownChanges, memberFilters } from './campaign-filters';

describe('memberFilters', () => {
  it('is null while the drill-down is closed, whatever else the URL holds', () => {
    expect(memberFilters(detailFiltersSchema.parse({ group: 'holdout' }))).toBeNull();
  });

  it('keeps the exclusion reason only for the excluded group, and reads the page as a number', () => {
    expect(memberFilters(detailFiltersSchema.parse({ members: 'open', group: 'treatment', reason: 'RISK_MISMATCH', tier: 'hnw', page: '3' }))).toEqual({
      group: 'treatment',
      tier: 'hnw',
      page: 3,
    });
    expect(memberFilters(detailFiltersSchema.parse({ members: 'open', group: 'excluded', reason: 'RISK_MISMATCH' }))).toEqual({ group: 'excluded', reason: 'RISK_MISMATCH' });
  });
});

describe('drillDownChanges', () => {
  it('filters the arm by the row of a customer dimension and clears every other drill filter', () => {
    expect(drillDownChanges('branch', 'B-01', 'holdout')).toEqual({
      members: 'open',
      group: 'holdout',
      reason: undefined,
      tier: undefined,
      branch: 'B-01',
      region: undefined,
      converted: undefined,
      page: undefined,
    });
  });

  it('opens the arm’s converted customers for a sale dimension, and the whole arm for a row not recorded', () => {
    expect(drillDownChanges('channel', 'app', 'treatment')).toMatchObject({ group: 'treatment', converted: 'true', branch: undefined });
    expect(drillDownChanges('tier', null, 'treatment')).toMatchObject({ group: 'treatment', tier: undefined, converted: undefined });
  });
});

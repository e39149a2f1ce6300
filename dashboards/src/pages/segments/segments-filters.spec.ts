import { describe, expect, it } from 'vitest';
import { filtersFromSearchParams } from '../../filters/url-filters';
import { breakdownBy, migrationRange, segmentsPageFiltersSchema } from './segments-filters';

describe('segmentsPageFiltersSchema', () => {
  it('reads tab, places, dates and the open segment from the URL', () => {
    const params = new URLSearchParams(
      'tab=builder&region=North&branchCode=N-01&by=branch&from=2024-01-01&to=2025-01-01&at=2025-02-01&segment=6f1c2a4e-9b7d-4c3e-8a2f-1d0e5b6c7a8d',
    );
    expect(filtersFromSearchParams(segmentsPageFiltersSchema, params)).toEqual({
      tab: 'builder',
      region: 'North',
      branchCode: 'N-01',
      by: 'branch',
      from: '2024-01-01',
      to: '2025-01-01',
      at: '2025-02-01',
      segment: '6f1c2a4e-9b7d-4c3e-8a2f-1d0e5b6c7a8d',
    });
  });

  it('drops values a hand-edited URL got wrong', () => {
    const params = new URLSearchParams('tab=charts&from=2025-02-30&to=soon&segment=12&by=city');
    expect(filtersFromSearchParams(segmentsPageFiltersSchema, params)).toEqual({});
  });
});

describe('migrationRange', () => {
  it('defaults to the last twelve months up to today', () => {
    expect(migrationRange({}, '2025-03-09')).toEqual({ from: '2024-03-09', to: '2025-03-09' });
  });

  it('counts back twelve months from a chosen end date', () => {
    expect(migrationRange({ to: '2024-02-29' }, '2025-03-09')).toEqual({ from: '2023-02-28', to: '2024-02-29' });
  });

  it('keeps dates from the URL', () => {
    expect(migrationRange({ from: '2025-01-01', to: '2025-02-01' }, '2025-03-09')).toEqual({ from: '2025-01-01', to: '2025-02-01' });
  });
});

describe('breakdownBy', () => {
  it('is per region without a region filter, per branch within one', () => {
    expect(breakdownBy({})).toBe('region');
    expect(breakdownBy({ region: 'North' })).toBe('branch');
  });

  it('follows an explicit choice', () => {
    expect(breakdownBy({ by: 'branch' })).toBe('branch');
    expect(breakdownBy({ by: 'region', region: 'North' })).toBe('region');
  });
});

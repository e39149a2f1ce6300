import { tierCountsQuerySchema } from '@banca/contracts';
import { describe, expect, it } from 'vitest';
import { filtersFromSearchParams, withFilterChanges } from './url-filters';

describe('filtersFromSearchParams', () => {
  it('reads the filters the schema knows, trimmed as the API would', () => {
    const params = new URLSearchParams('region=%20East%20China%20&branchCode=SH-001&tab=chart');
    expect(filtersFromSearchParams(tierCountsQuerySchema, params)).toEqual({ region: 'East China', branchCode: 'SH-001' });
  });

  it('drops a value the schema rejects instead of failing the page', () => {
    const params = new URLSearchParams({ region: '   ', branchCode: 'x'.repeat(101) });
    expect(filtersFromSearchParams(tierCountsQuerySchema, params)).toEqual({});
  });

  it('is empty without search params', () => {
    expect(filtersFromSearchParams(tierCountsQuerySchema, new URLSearchParams())).toEqual({});
  });
});

describe('withFilterChanges', () => {
  it('sets a filter and keeps unrelated params', () => {
    const next = withFilterChanges(new URLSearchParams('tab=chart'), { region: 'North' });
    expect(next.toString()).toBe('tab=chart&region=North');
  });

  it('removes a filter set to undefined or empty', () => {
    const next = withFilterChanges(new URLSearchParams('region=North&branchCode=B1'), { region: undefined, branchCode: '' });
    expect(next.toString()).toBe('');
  });

  it('does not change the params it was given', () => {
    const params = new URLSearchParams('region=North');
    withFilterChanges(params, { region: 'South' });
    expect(params.get('region')).toBe('North');
  });
});

import { describe, expect, it } from 'vitest';
import { filtersFromSearchParams } from '../filters/url-filters';
import { dashboardFiltersSchema, figuresPeriod, findingExportQuery, findingListQuery, isOrderedRange, QUEUE_PAGE_SIZE, queueFiltersSchema } from './compliance-filters';

describe('queue filters in the URL', () => {
  it('reads every filter of the queue and the page', () => {
    const params = new URLSearchParams(
      'severity=high&ruleCode=RISK_MISMATCH&status=open&branchCode=%20SH-001%20&staffCode=S-1&productCode=UL-9&campaignCode=SPRING&from=2025-01-01&to=2025-03-31&page=3',
    );
    const filters = filtersFromSearchParams(queueFiltersSchema, params);
    expect(filters).toEqual({
      severity: 'high',
      ruleCode: 'RISK_MISMATCH',
      status: 'open',
      branchCode: 'SH-001',
      staffCode: 'S-1',
      productCode: 'UL-9',
      campaignCode: 'SPRING',
      from: '2025-01-01',
      to: '2025-03-31',
      page: '3',
    });
    expect(findingListQuery(filters)).toEqual({ ...filters, page: 3, pageSize: QUEUE_PAGE_SIZE });
  });

  it('drops what a hand-edited URL got wrong instead of failing the page', () => {
    const params = new URLSearchParams('severity=critical&ruleCode=risk_mismatch&status=closed&from=2025-02-30&page=0&branchCode=%20%20');
    expect(filtersFromSearchParams(queueFiltersSchema, params)).toEqual({});
    expect(findingListQuery({})).toEqual({ page: 1, pageSize: QUEUE_PAGE_SIZE });
  });

  it('exports every finding the filters select, whatever page is on screen', () => {
    expect(findingExportQuery({ severity: 'low', page: '4' })).toEqual({ severity: 'low' });
  });
});

describe('dashboard period', () => {
  it('defaults to the twelve months up to today, as the API does', () => {
    expect(figuresPeriod({}, '2025-03-31')).toEqual({ from: '2024-03-31', to: '2025-03-31' });
    expect(figuresPeriod({ to: '2024-02-29' }, '2025-03-31')).toEqual({ from: '2023-02-28', to: '2024-02-29' });
    expect(figuresPeriod({ from: '2025-01-01' }, '2025-03-31')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
  });

  it('reads the period, the trend rule and the resolved-alerts switch from the URL', () => {
    const params = new URLSearchParams('from=2025-01-01&to=2025-06-30&trendRule=DUAL_RECORDING_MISSING&alerts=all&x=1');
    expect(filtersFromSearchParams(dashboardFiltersSchema, params)).toEqual({ from: '2025-01-01', to: '2025-06-30', trendRule: 'DUAL_RECORDING_MISSING', alerts: 'all' });
  });

  it('refuses a range that ends before it starts', () => {
    expect(isOrderedRange({ from: '2025-02-01', to: '2025-01-31' })).toBe(false);
    expect(isOrderedRange({ from: '2025-02-01', to: '2025-02-01' })).toBe(true);
    expect(isOrderedRange({ from: '2025-02-01' })).toBe(true);
  });
});

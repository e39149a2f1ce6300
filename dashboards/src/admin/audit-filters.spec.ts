import { describe, expect, it } from 'vitest';
import { filtersFromSearchParams } from '../filters/url-filters';
import { auditPageFiltersSchema, auditPageOf, auditQueryOf, pageCount } from './audit-filters';

describe('audit log filters in the URL', () => {
  it('reads the filters the API takes and drops what it would refuse', () => {
    const params = new URLSearchParams('from=2026-11-01&to=not-a-date&action=user.&entityType=%20user%20&actorId=nobody&page=3&tab=x');
    const filters = filtersFromSearchParams(auditPageFiltersSchema, params);
    expect(filters).toEqual({ from: '2026-11-01', action: 'user.', entityType: 'user', page: '3' });
    expect(auditPageOf(filters)).toBe(3);
  });

  it('starts on page one and refuses page zero', () => {
    expect(auditPageOf(filtersFromSearchParams(auditPageFiltersSchema, new URLSearchParams('page=0')))).toBe(1);
    expect(auditPageOf({})).toBe(1);
  });

  it('reads a period typed backwards the right way round, so the API does not refuse it', () => {
    expect(auditQueryOf({ from: '2026-11-30', to: '2026-11-01', action: 'finding.' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      actorId: undefined,
      action: 'finding.',
      entityType: undefined,
      entityId: undefined,
    });
  });
});

describe('pageCount', () => {
  it('counts whole pages, with one page for an empty log', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});

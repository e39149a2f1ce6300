import { ROLES } from '@banca/domain';
import { describe, expect, it } from 'vitest';
import { APP_PAGES, canOpen } from '../navigation/app-pages';
import { canWriteOn, PAGE_ACCESS } from '../navigation/page-access';

describe('compliance page access', () => {
  it('lets compliance, managers and admins read findings and keeps marketing out', () => {
    const page = APP_PAGES.find((candidate) => candidate.id === 'compliance');
    expect(page?.path).toBe('/compliance');
    expect(ROLES.filter((role) => page !== undefined && canOpen(page, role))).toEqual(['admin', 'manager', 'compliance']);
  });

  it('lets only compliance decide findings and add evidence', () => {
    expect(ROLES.filter((role) => canWriteOn('compliance', role))).toEqual(['compliance']);
    expect(PAGE_ACCESS.compliance.write).toEqual(['compliance']);
  });
});

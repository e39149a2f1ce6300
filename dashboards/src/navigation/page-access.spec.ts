import { ROLES } from '@banca/domain';
import { describe, expect, it } from 'vitest';
import { canWriteOn, PAGE_ACCESS } from './page-access';

describe('PAGE_ACCESS', () => {
  it('lets admin and marketing upload data, managers only read runs, and keeps compliance out', () => {
    expect(PAGE_ACCESS.data.read).toEqual(['admin', 'marketing', 'manager']);
    expect(ROLES.filter((role) => canWriteOn('data', role))).toEqual(['admin', 'marketing']);
  });

  it('shows segments to every role and lets admin and marketing save them', () => {
    expect(PAGE_ACCESS.segments.read).toEqual(ROLES);
    expect(ROLES.filter((role) => canWriteOn('segments', role))).toEqual(['admin', 'marketing']);
  });

  it('only writes where a role may also read', () => {
    for (const access of Object.values(PAGE_ACCESS)) {
      const read: readonly string[] = access.read;
      for (const role of access.write) expect(read).toContain(role);
    }
  });
});

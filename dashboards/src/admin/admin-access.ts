import type { Role } from '@banca/domain';
import type { PageAccess } from '../navigation/page-access';

/**
 * Roles of the settings and administration pages (the permission matrix): compliance rule
 * settings are set by compliance and admin and read by managers; the audit log is read by compliance and
 * admin; users and API tokens are the administrator's alone. The API enforces the same per endpoint.
 */
export const ADMIN_PAGE_ACCESS = {
  complianceRules: { read: ['admin', 'compliance', 'manager'], write: ['admin', 'compliance'] },
  audit: { read: ['admin', 'compliance'], write: [] },
  users: { read: ['admin'], write: ['admin'] },
  apiTokens: { read: ['admin'], write: ['admin'] },
} as const satisfies Record<string, PageAccess>;

export type AdminPageId = keyof typeof ADMIN_PAGE_ACCESS;

export function canWriteOnAdminPage(pageId: AdminPageId, role: Role): boolean {
  const roles: readonly Role[] = ADMIN_PAGE_ACCESS[pageId].write;
  return roles.includes(role);
}

import { ROLES, type Role } from '@banca/domain';

export interface PageAccess {
  /** Who sees the page in the navigation and may open it; the API enforces the same per endpoint. */
  read: readonly Role[];
  /** Who may change things from the page (upload, save); others see it read-only. */
  write: readonly Role[];
}

/** Roles per page, defined once: navigation, routes and each page's write controls all read this. */
export const PAGE_ACCESS = {
  overview: { read: ROLES, write: [] },
  // Uploads: admin and marketing; reading runs and rejects: managers too (POST/GET /ingestions).
  data: { read: ['admin', 'marketing', 'manager'], write: ['admin', 'marketing'] },
  // Tier figures are for everyone; saved segments are written by those who plan campaigns.
  segments: { read: ROLES, write: ['admin', 'marketing'] },
  // Campaigns: every role reads the list and figures; marketing and admins plan, launch, cancel and refresh.
  campaigns: { read: ROLES, write: ['admin', 'marketing'] },
  // Findings, figures and alerts: compliance, managers and admins read; only compliance decides and adds evidence.
  compliance: { read: ['admin', 'manager', 'compliance'], write: ['compliance'] },
  // Compliance rule settings: set by compliance and admins, read by managers.
  complianceRules: { read: ['admin', 'compliance', 'manager'], write: ['admin', 'compliance'] },
  // The audit log is read by compliance and admins; users and API tokens are the administrator's alone.
  audit: { read: ['admin', 'compliance'], write: [] },
  users: { read: ['admin'], write: ['admin'] },
  apiTokens: { read: ['admin'], write: ['admin'] },
} as const satisfies Record<string, PageAccess>;

export type AccessPageId = keyof typeof PAGE_ACCESS;

export function canWriteOn(pageId: AccessPageId, role: Role): boolean {
  const roles: readonly Role[] = PAGE_ACCESS[pageId].write;
  return roles.includes(role);
}

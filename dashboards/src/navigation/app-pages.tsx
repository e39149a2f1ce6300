import type { Role } from '@banca/domain';
import type { ComponentType } from 'react';
import type { Translation } from '../i18n/locales/en';
import { DataPage } from '../pages/data/data.page';
import { OverviewPage } from '../pages/overview/overview.page';
import { ComplianceDashboardPage } from '../pages/compliance/compliance-dashboard.page';
import { SegmentsPage } from '../pages/segments/segments.page';
import { CampaignListPage } from '../pages/campaigns/campaign-list.page';
import { UsersPage } from '../pages/admin/users.page';
import { ApiTokensPage } from '../pages/admin/tokens.page';
import { AuditPage } from '../pages/audit/audit.page';
import { ComplianceRulesPage } from '../pages/settings/compliance-rules.page';
import { PAGE_ACCESS } from './page-access';

/** A page id is its navigation label key, so every page has a translated name. */
export type PageId = Exclude<keyof Translation['nav'], 'label'>;

export interface AppPage {
  id: PageId;
  path: string;
  /** Who sees the page in the navigation and may open it; the API enforces the same per endpoint. */
  roles: readonly Role[];
  Component: ComponentType;
}

/**
 * Every page of the dashboards, in navigation order; routes and navigation are both built from this
 * list. A new page (Campaigns, Compliance, Settings) is one entry here, its roles in PAGE_ACCESS and its nav label.
 */
export const APP_PAGES: readonly AppPage[] = [
  { id: 'overview', path: '/overview', roles: PAGE_ACCESS.overview.read, Component: OverviewPage },
  { id: 'data', path: '/data', roles: PAGE_ACCESS.data.read, Component: DataPage },
  { id: 'segments', path: '/segments', roles: PAGE_ACCESS.segments.read, Component: SegmentsPage },
  // The list; a campaign's detail and the planner are its sub-pages (pages/campaigns/campaigns.routes.tsx).
  { id: 'campaigns', path: '/campaigns', roles: PAGE_ACCESS.campaigns.read, Component: CampaignListPage },
  // The dashboard; the queue and a finding's detail are its sub-pages (pages/compliance/compliance.routes.tsx).
  { id: 'compliance', path: '/compliance', roles: PAGE_ACCESS.compliance.read, Component: ComplianceDashboardPage },
  { id: 'complianceRules', path: '/settings/compliance-rules', roles: PAGE_ACCESS.complianceRules.read, Component: ComplianceRulesPage },
  { id: 'audit', path: '/audit', roles: PAGE_ACCESS.audit.read, Component: AuditPage },
  { id: 'users', path: '/admin/users', roles: PAGE_ACCESS.users.read, Component: UsersPage },
  { id: 'apiTokens', path: '/admin/tokens', roles: PAGE_ACCESS.apiTokens.read, Component: ApiTokensPage },
];

export function canOpen(page: AppPage, role: Role): boolean {
  return page.roles.includes(role);
}

export function pagesFor(role: Role): AppPage[] {
  return APP_PAGES.filter((page) => canOpen(page, role));
}

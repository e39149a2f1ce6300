import { ROLES, type Role } from '@banca/domain';
import type { ComponentType } from 'react';
import type { Translation } from '../i18n/locales/en';
import { OverviewPage } from '../pages/overview/overview.page';

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
 * list. A new page (Data, Segments, Campaigns, Compliance, Settings) is one entry here plus its nav label.
 */
export const APP_PAGES: readonly AppPage[] = [{ id: 'overview', path: '/overview', roles: ROLES, Component: OverviewPage }];

export function canOpen(page: AppPage, role: Role): boolean {
  return page.roles.includes(role);
}

export function pagesFor(role: Role): AppPage[] {
  return APP_PAGES.filter((page) => canOpen(page, role));
}

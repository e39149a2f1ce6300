import type { RouteObject } from 'react-router-dom';
import { APP_PAGES } from '../../navigation/app-pages';
import { PAGE_ACCESS } from '../../navigation/page-access';
import { RequireRole } from '../../navigation/require-role';
import { CampaignDetailPage } from './campaign-detail.page';
import { CampaignPlannerPage } from './campaign-planner.page';

/**
 * The campaign screens under the "Campaigns" navigation entry (/campaigns, the list): a campaign's detail
 * for every reader, the planner (new, edit a draft, launch) for planners only.
 */
export function campaignRoutes(): RouteObject[] {
  const page = APP_PAGES.find((candidate) => candidate.id === 'campaigns');
  if (!page) return [];
  const planner = { ...page, roles: PAGE_ACCESS.campaigns.write };
  return [
    { path: '/campaigns/new', element: <RequireRole page={planner}><CampaignPlannerPage /></RequireRole> },
    { path: '/campaigns/:code', element: <RequireRole page={page}><CampaignDetailPage /></RequireRole> },
    { path: '/campaigns/:code/plan', element: <RequireRole page={planner}><CampaignPlannerPage /></RequireRole> },
  ];
}

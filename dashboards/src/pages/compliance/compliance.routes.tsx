import type { RouteObject } from 'react-router-dom';
import { APP_PAGES } from '../../navigation/app-pages';
import { RequireRole } from '../../navigation/require-role';
import { FindingDetailPage } from './finding-detail.page';
import { FindingsQueuePage } from './findings-queue.page';

/**
 * The compliance screens under the "Compliance" navigation entry (/compliance, the dashboard): the queue
 * and a finding's detail, open to the same roles as the entry.
 */
export function complianceRoutes(): RouteObject[] {
  const page = APP_PAGES.find((candidate) => candidate.id === 'compliance');
  if (!page) return [];
  return [
    { path: '/compliance/findings', element: <RequireRole page={page}><FindingsQueuePage /></RequireRole> },
    { path: '/compliance/findings/:findingId', element: <RequireRole page={page}><FindingDetailPage /></RequireRole> },
  ];
}

import { createBrowserRouter } from 'react-router-dom';
import { AuthenticatedLayout } from './auth/authenticated-layout';
import { APP_PAGES } from './navigation/app-pages';
import { HomeRedirect } from './navigation/home-redirect';
import { RequireRole } from './navigation/require-role';
import { campaignRoutes } from './pages/campaigns/campaigns.routes';
import { complianceRoutes } from './pages/compliance/compliance.routes';
import { NotFoundPage } from './pages/errors/not-found.page';
import { LoginPage } from './pages/login/login.page';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: <AuthenticatedLayout />,
      children: [
        { index: true, element: <HomeRedirect /> },
        ...APP_PAGES.map((page) => ({
          path: page.path,
          element: (
            <RequireRole page={page}>
              <page.Component />
            </RequireRole>
          ),
        })),
        ...campaignRoutes(),
        ...complianceRoutes(),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { LoadingPanel } from '../components/loading-panel';
import { AppShell } from '../shell/app-shell';
import { useMeQuery } from './auth.queries';
import { CurrentUserProvider, useSessionToken } from './session.context';

/** Every page behind sign-in: no token → login (remembering where the user was going); else the shell. */
export function AuthenticatedLayout() {
  const { t } = useTranslation();
  const token = useSessionToken();
  const location = useLocation();
  const me = useMeQuery(token);

  if (token === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  return (
    <LoadingPanel query={me} className="loading-panel--page" loadingMessage={t('session.checking')}>
      {(user) => (
        <CurrentUserProvider user={user}>
          <AppShell>
            <Outlet />
          </AppShell>
        </CurrentUserProvider>
      )}
    </LoadingPanel>
  );
}

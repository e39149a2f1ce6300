import type { ReactNode } from 'react';
import { useCurrentUser } from '../auth/session.context';
import { ForbiddenView } from '../pages/errors/forbidden.view';
import { canOpen, type AppPage } from './app-pages';

export function RequireRole({ page, children }: { page: AppPage; children: ReactNode }) {
  const user = useCurrentUser();
  return canOpen(page, user.role) ? children : <ForbiddenView />;
}

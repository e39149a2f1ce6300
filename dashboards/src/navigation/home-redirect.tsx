import { Navigate } from 'react-router-dom';
import { useCurrentUser } from '../auth/session.context';
import { ForbiddenView } from '../pages/errors/forbidden.view';
import { pagesFor } from './app-pages';

/** "/" opens the first page the user's role may see. */
export function HomeRedirect() {
  const user = useCurrentUser();
  const [first] = pagesFor(user.role);
  return first ? <Navigate to={first.path} replace /> : <ForbiddenView />;
}

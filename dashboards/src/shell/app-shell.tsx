import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useLogoutMutation } from '../auth/auth.queries';
import { useCurrentUser } from '../auth/session.context';
import { pagesFor } from '../navigation/app-pages';
import { LanguageSwitch } from './language-switch';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogoutMutation();
  const pages = pagesFor(user.role);

  return (
    <div className="shell">
      <header className="shell__header">
        <div className="shell__bar">
          <div className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <div>
              <div className="brand__name">{t('app.name')}</div>
              <div className="brand__tagline">{t('app.tagline')}</div>
            </div>
          </div>
          <nav className="nav" aria-label={t('nav.label')}>
            <ul className="nav__list">
              {pages.map((page) => (
                <li key={page.id}>
                  <NavLink to={page.path} className={({ isActive }) => (isActive ? 'nav__link nav__link--active' : 'nav__link')}>
                    {t(`nav.${page.id}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="shell__tools">
            <LanguageSwitch />
            <div className="user" data-testid="current-user">
              <span className="user__name" title={t('session.signedInAs', { name: user.username })}>
                {user.displayName}
              </span>
              <span className="badge" data-testid="current-role">
                {t(`roles.${user.role}`)}
              </span>
            </div>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
            >
              {logout.isPending ? t('session.loggingOut') : t('session.logout')}
            </button>
          </div>
        </div>
      </header>
      <main className="shell__main" id="main">
        {children}
      </main>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

/** The compliance screens' heading and their own navigation (dashboard, queue). */
export function ComplianceHeader({ title, intro, aside }: { title: string; intro: string; aside?: ReactNode }) {
  const { t } = useTranslation();
  const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tabs__tab tabs__tab--active' : 'tabs__tab');
  return (
    <>
      <header className="page__header">
        <div>
          <h1 className="page__title">{title}</h1>
          <p className="page__intro">{intro}</p>
        </div>
        {aside}
      </header>
      <nav className="tabs compliance-subnav" aria-label={t('compliance.subnav.label')}>
        <NavLink to="/compliance" end className={linkClass}>
          {t('compliance.subnav.dashboard')}
        </NavLink>
        <NavLink to="/compliance/findings" className={linkClass}>
          {t('compliance.subnav.findings')}
        </NavLink>
      </nav>
    </>
  );
}

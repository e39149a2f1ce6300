import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> · Banca Insight" in the active language, for tabs, history and screen readers. */
export function useDocumentTitle(pageTitle: string | null): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${appName}` : appName;
  }, [pageTitle, appName]);
}

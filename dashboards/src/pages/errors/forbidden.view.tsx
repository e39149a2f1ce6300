import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../i18n/use-document-title';

/** Shown when a signed-in user opens the address of a page their role may not see. */
export function ForbiddenView() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <section className="message-page" aria-labelledby="forbidden-title">
      <p className="message-page__code" aria-hidden="true">
        403
      </p>
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
    </section>
  );
}
